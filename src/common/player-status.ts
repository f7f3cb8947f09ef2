/**
 * What the player is doing, as one word a page can style and script against.
 * - `idle`: nothing to play yet, or loaded and waiting for `play()`.
 * - `loading`: looking for the stream or filling the first buffer.
 * - `waiting`: the stream is not available yet (the CDN answers 404); probing on the CDN's rhythm.
 * - `playing`: frames are advancing.
 * - `stalled`: the stream was playing but data stopped arriving; reconnecting.
 * - `ended`: the broadcast ended.
 * - `error`: the player cannot go on without a change of input; see the `player-error` event.
 */
export type PlayerStatus = 'idle' | 'loading' | 'waiting' | 'playing' | 'stalled' | 'ended' | 'error';
