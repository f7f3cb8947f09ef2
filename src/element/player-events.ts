import type { PlayerError } from '../common/player-error.js';
import type { PlayerStatus } from '../common/player-status.js';
import type { StreamCandidate } from '../urls/stream-url.js';

/** The detail of `status-change`. */
export interface StatusChangeDetail {
  status: PlayerStatus;
  previous: PlayerStatus;
}

/** The detail of `player-error`; `attribute` names the bad input of an `invalid-input` error. */
export interface PlayerErrorDetail {
  code: PlayerError['code'];
  message: string;
  attribute?: string;
  fatal: boolean;
}

/** The detail of `source-change`. */
export interface SourceChangeDetail {
  url: string;
  playOrder: StreamCandidate['playOrder'];
  /** The stream id that plays: `stream-id`, or `backup-stream-id` while the main stream is not live. */
  streamId: string;
  /** Whether it is the backup stream. */
  backup: boolean;
}

/** The element's own events bubble and cross the shadow root. */
export function playerEvent<Detail>(type: string, detail: Detail): CustomEvent<Detail> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
