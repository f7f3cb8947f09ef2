import { AmsCdnPlayer } from './ams-cdn-player.js';

export { AmsCdnPlayer } from './ams-cdn-player.js';
export type { StatusChangeDetail, PlayerErrorDetail, SourceChangeDetail } from './ams-cdn-player.js';
export * from './stream-url.js';
export { PlayerError, type PlayerErrorCode } from './player-error.js';
export type { PlayerStatus } from './player-status.js';

// Defining twice throws; a page may load both the drop-in and an app bundle.
if (typeof customElements !== 'undefined' && !customElements.get('ams-cdn-player')) {
  customElements.define('ams-cdn-player', AmsCdnPlayer);
}
