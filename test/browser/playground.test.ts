import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { createPlayground, withoutSecrets, type Playground } from '../../demo/playground.js';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { openFrame, removeAllFrames } from './frames.js';
import { waitFor } from './wait.js';

const liveSince = -30;

let playground: Playground | null = null;
let container: HTMLElement | null = null;

function mount(initial: Parameters<typeof createPlayground>[1]): Playground {
  container = document.createElement('div');
  document.body.append(container);
  playground = createPlayground(container, initial);
  return playground;
}

function output(name: string): HTMLOutputElement {
  return container!.querySelector(`output[name="${name}"]`)!;
}

/** The log's entries of one type, oldest first. */
function logged(type: string): string[] {
  return [...container!.querySelectorAll(`.event-log li[data-type="${type}"] .event-detail`)].map((entry) => entry.textContent ?? '').reverse();
}

function fill(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
}

describe('demo playground', () => {
  afterEach(() => {
    playground?.destroy();
    container?.remove();
    playground = null;
    removeAllFrames();
  });

  it('plays what it starts with, then what the form asks for: status, updating latency and an event log', async () => {
    const first = uniqueStreamId('groundhls');
    const second = uniqueStreamId('groundll');
    await Promise.all([putStream({ id: first, startIn: liveSince }), putStream({ id: second, startIn: liveSince, llHls: 'apple' })]);
    const { form } = mount({ domain: edgeUrl, streamId: first, playOrder: 'hls' });
    await waitFor(() => output('status').textContent === 'playing', 20000, 'status playing');
    expect(output('source').textContent).to.equal(`${edgeUrl}/streams/${first}.m3u8`);

    fill(form, { streamId: second, playOrder: 'll-hls', token: 'secret-playground-token' });
    form.requestSubmit();
    // Not a wait for 'loading' itself: the new player may pass through it faster than a poll. The
    // event log below shows that it did.
    await waitFor(() => logged('source-change').length === 2 && output('status').textContent === 'playing', 20000, 'the new player playing');
    const shownLatency = (): number | null => {
      const text = output('latency').textContent ?? '';
      return /^\d+\.\d\d s$/.test(text) ? Number.parseFloat(text) : null;
    };
    // Playback may start a moment before it settles at the target (a loaded machine), so wait for it.
    const nearTarget = (): boolean => {
      const seconds = shownLatency();
      return seconds !== null && seconds > 0.2 && seconds < 8;
    };
    await waitFor(nearTarget, 10000, 'a latency figure near the LL-HLS target');
    // The display refreshes by itself: a value put there is replaced by a fresh figure.
    output('latency').textContent = 'stale';
    await waitFor(() => shownLatency() !== null, 2000, 'the latency to refresh');

    expect(logged('start')).to.have.length(2);
    expect(logged('start')[1]).to.include(second);
    const statusChanges = logged('status-change');
    expect(statusChanges).to.include('idle → loading');
    expect(statusChanges.at(-1)).to.match(/→ playing$/);
    const sources = logged('source-change');
    expect(sources[1]).to.equal(`ll-hls: ${edgeUrl}/streams/ll-hls/${second}/${second}__master.m3u8`);
    expect(container!.textContent).not.to.include('secret-playground-token');
    const requests = await edgeRequestsFor(second);
    expect(requests.length).to.be.above(0);
    expect(requests.every((request) => new URLSearchParams(request.query).get('token') === 'secret-playground-token')).to.equal(true);
  });

  it('logs a player error naming the bad input and shows status error', async () => {
    const { form } = mount({ domain: edgeUrl, streamId: 'stream01', playOrder: 'rtmp' });
    await waitFor(() => output('status').textContent === 'error', 5000, 'status error');
    expect(logged('player-error')).to.have.length(1);
    expect(logged('player-error')[0]).to.match(/^invalid-input \(play-order\), fatal: play-order: /);
    // An empty stream id is stopped by the form itself: no new player starts.
    fill(form, { streamId: '' });
    form.requestSubmit();
    expect(logged('start')).to.have.length(1);
  });

  it('hides token, subscriberId and subscriberCode values in shown URLs', () => {
    expect(withoutSecrets('https://d1.cloudfront.net/streams/s.m3u8?token=t1&subscriberId=v&subscriberCode=9&x=1')).to.equal(
      'https://d1.cloudfront.net/streams/s.m3u8?token=hidden&subscriberId=hidden&subscriberCode=hidden&x=1',
    );
    expect(withoutSecrets('not a url ?token=t1')).to.not.include('t1');
  });

  it('the real index.html from the edge starts playing the demo stream stream01', async () => {
    await putStream({ id: 'stream01', startIn: liveSince, llHls: 'apple' });
    const page = openFrame(`${edgeUrl}/`);
    await page.waitForMessage((message) => message.type === 'status-change' && message.status === 'playing', 25000, 'the playground to report playing');
    expect(page.messages.find((message) => message.type === 'source-change')?.playOrder).to.equal('ll-hls');
  });
});
