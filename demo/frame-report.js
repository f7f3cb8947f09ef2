// When a demo page runs in a frame, it tells the parent page what its player is doing, so an
// embedding page (or a test) can follow along. Messages carry statuses and error codes only: never
// a URL, a token or anything else from the query.

/** Marks the messages, so a parent can tell them from other frames' messages. */
export const messageSource = 'ams-cdn-player-demo';

/** Posts `message` to the parent window; does nothing when the page is not framed. */
export function reportToParent(message) {
  if (window.parent === window) return;
  // The status of a public player is no secret, and the embedding origin is not known in advance.
  window.parent.postMessage({ source: messageSource, ...message }, '*');
}

/** Reports the player's status changes, errors and play-order choices to the parent window. */
export function reportPlayer(player) {
  if (window.parent === window) return;
  player.addEventListener('status-change', (event) => {
    const { status, previous } = event.detail;
    reportToParent({ type: 'status-change', status, previous, muted: player.video?.muted ?? player.muted });
  });
  player.addEventListener('player-error', (event) => {
    const { code, attribute, fatal } = event.detail;
    reportToParent({ type: 'player-error', code, attribute: attribute ?? null, fatal });
  });
  player.addEventListener('source-change', (event) => {
    reportToParent({ type: 'source-change', playOrder: event.detail.playOrder });
  });
}
