// The playground: a form for domain, stream id, play order and token, the player, its live status
// and latency, and a log of its events. DOM calls and textContent only, so user input is never
// parsed as HTML and a strict CSP allows the page.

/** Query parameters that may carry a viewer's secret; never shown on the page. */
const secretParameters = ['token', 'subscriberId', 'subscriberCode'];

/** The log keeps the newest entries only, so a page left open does not grow without bound. */
const maxLogEntries = 200;

const latencyRefreshMs = 250;

/** Creates an element with optional properties and children. */
function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function field(label, input) {
  return element('label', { className: 'playground-field' }, [element('span', { textContent: label }), input]);
}

/** The URL with secret query values replaced, for display. */
export function withoutSecrets(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return '(address hidden)';
  }
  for (const name of secretParameters) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, 'hidden');
  return parsed.href;
}

/** One line for the event log. */
function describeEvent(event) {
  const { detail } = event;
  switch (event.type) {
    case 'status-change':
      return `${detail.previous} → ${detail.status}`;
    case 'player-error':
      return `${detail.code}${detail.attribute ? ` (${detail.attribute})` : ''}${detail.fatal ? ', fatal' : ''}: ${detail.message}`;
    case 'source-change':
      return `${detail.playOrder}: ${withoutSecrets(detail.url)}`;
    default:
      return '';
  }
}

function formatTime(date) {
  const pad = (value, length = 2) => String(value).padStart(length, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * Builds the playground into `container` and starts playing `initial` at once.
 *
 * @param {HTMLElement} container
 * @param {{ domain?: string, streamId?: string, playOrder?: string, token?: string,
 *           onPlayer?: (player: HTMLElement) => void }} initial form values; `onPlayer` sees each
 *   new player before it is added to the page
 * @returns {{ form: HTMLFormElement, readonly player: HTMLElement | null, destroy(): void }}
 */
export function createPlayground(container, initial = {}) {
  const inputs = {
    domain: element('input', { name: 'domain', value: initial.domain ?? '', placeholder: 'd1234.cloudfront.net (empty: this page’s origin)', spellcheck: false }),
    streamId: element('input', { name: 'streamId', value: initial.streamId ?? '', required: true, placeholder: 'stream01', spellcheck: false }),
    playOrder: element('input', { name: 'playOrder', value: initial.playOrder ?? '', placeholder: 'hls', spellcheck: false }),
    token: element('input', { name: 'token', value: initial.token ?? '', autocomplete: 'off', spellcheck: false }),
  };
  const playOrders = element('datalist', { id: 'playground-play-orders' }, ['ll-hls,hls', 'll-hls', 'hls', 'hls,ll-hls'].map((value) => element('option', { value })));
  inputs.playOrder.setAttribute('list', playOrders.id);
  const form = element('form', { className: 'playground-form' }, [
    field('Domain', inputs.domain),
    field('Stream id', inputs.streamId),
    field('Play order', inputs.playOrder),
    field('Token (optional)', inputs.token),
    playOrders,
    element('button', { type: 'submit', textContent: 'Play' }),
  ]);

  const stage = element('div', { className: 'playground-stage' });
  const status = element('output', { name: 'status', textContent: '–' });
  const latency = element('output', { name: 'latency', textContent: '–' });
  const source = element('output', { name: 'source', textContent: '–' });
  const readout = element('dl', { className: 'playground-readout' }, [
    element('dt', { textContent: 'Status' }), element('dd', {}, [status]),
    element('dt', { textContent: 'Latency' }), element('dd', {}, [latency]),
    element('dt', { textContent: 'Playing' }), element('dd', {}, [source]),
  ]);
  const log = element('ol', { className: 'event-log', reversed: true });
  const clear = element('button', { type: 'button', textContent: 'Clear' });
  clear.addEventListener('click', () => log.replaceChildren());
  const events = element('section', { className: 'playground-events' }, [
    element('h2', { textContent: 'Events' }, [' ', clear]),
    log,
  ]);
  container.append(form, stage, readout, events);

  /** @type {(HTMLElement & { latency: number | null }) | null} */
  let player = null;

  function addLogEntry(type, text) {
    const entry = element('li', {}, [
      element('time', { textContent: formatTime(new Date()) }),
      element('span', { className: 'event-type', textContent: type }),
      element('span', { className: 'event-detail', textContent: text }),
    ]);
    entry.dataset.type = type;
    log.prepend(entry);
    while (log.childElementCount > maxLogEntries) log.lastElementChild.remove();
  }

  function play(values) {
    player?.remove();
    const next = document.createElement('ams-cdn-player');
    const attributes = { domain: values.domain, 'stream-id': values.streamId, 'play-order': values.playOrder, token: values.token };
    for (const [name, value] of Object.entries(attributes)) if (value.trim() !== '') next.setAttribute(name, value.trim());
    for (const name of ['autoplay', 'controls', 'playsinline']) next.setAttribute(name, '');
    for (const type of ['status-change', 'player-error', 'source-change']) {
      next.addEventListener(type, (event) => {
        if (next !== player) return;
        addLogEntry(type, describeEvent(event));
        if (type === 'status-change') {
          status.textContent = event.detail.status;
          status.dataset.status = event.detail.status;
        }
        if (type === 'source-change') source.textContent = withoutSecrets(event.detail.url);
      });
    }
    player = next;
    status.textContent = '–';
    delete status.dataset.status;
    source.textContent = '–';
    addLogEntry('start', `${values.streamId.trim() || '(no stream id)'}, play order ${values.playOrder.trim() || 'hls'}, from ${values.domain.trim() || 'this page’s origin'}`);
    initial.onPlayer?.(next);
    stage.append(next);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    play({ domain: inputs.domain.value, streamId: inputs.streamId.value, playOrder: inputs.playOrder.value, token: inputs.token.value });
  });

  const latencyTimer = setInterval(() => {
    const seconds = player?.latency;
    latency.textContent = typeof seconds === 'number' ? `${seconds.toFixed(2)} s` : '–';
  }, latencyRefreshMs);

  play({ domain: inputs.domain.value, streamId: inputs.streamId.value, playOrder: inputs.playOrder.value, token: inputs.token.value });

  return {
    form,
    get player() {
      return player;
    },
    destroy() {
      clearInterval(latencyTimer);
      player?.remove();
      player = null;
      container.replaceChildren();
    },
  };
}
