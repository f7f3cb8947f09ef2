// The package's entry: importing it defines <ams-cdn-player> (so package.json lists it in
// sideEffects); the URL rules alone, without the element, are at 'ams-cdn-player/stream-url'.
import { AmsCdnPlayer } from './element/ams-cdn-player.js';

export { AmsCdnPlayer } from './element/ams-cdn-player.js';
export type { StatusChangeDetail, PlayerErrorDetail, SourceChangeDetail, MetadataDetail, MetadataFrame, AudioTrackInfo } from './element/ams-cdn-player.js';
export type { AmsCdnPlayerAttributes, AmsCdnPlayerProperties, AmsCdnPlayerEventProps, AmsCdnPlayerJsxProps } from './element/jsx-props.js';
export * from './urls/stream-url.js';
export { PlayerError, type PlayerErrorCode } from './common/player-error.js';
export type { PlayerStatus } from './common/player-status.js';

// Defining twice throws; a page may load both the drop-in and an app bundle. Server-side (Node)
// there may be no registry to define in.
if (typeof customElements !== 'undefined' && !customElements.get('ams-cdn-player')) {
  customElements.define('ams-cdn-player', AmsCdnPlayer);
}
