// The many-viewers scenario's page: N small muted elements, each with its own token, and which of
// them have played a frame.
await import('./ams-cdn-player.js');

window.viewers = { playing: [], errors: [] };

/** @param {{ domain: string, streamId: string, playOrder: string, errorTtl: number, tokens: string[] }} options */
window.addViewers = ({ domain, streamId, playOrder, errorTtl, tokens }) => {
  tokens.forEach((token, index) => {
    const element = document.createElement('ams-cdn-player');
    for (const [name, value] of Object.entries({ domain, 'stream-id': streamId, 'play-order': playOrder, 'error-ttl': String(errorTtl), token })) element.setAttribute(name, value);
    element.setAttribute('muted', '');
    element.setAttribute('autoplay', '');
    element.addEventListener('status-change', (event) => {
      if (event.detail.status === 'playing' && !window.viewers.playing.includes(index)) window.viewers.playing.push(index);
    });
    element.addEventListener('player-error', (event) => window.viewers.errors.push({ index, code: event.detail.code, message: event.detail.message }));
    document.body.append(element);
  });
};
