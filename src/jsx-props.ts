import type { AmsCdnPlayer, AudioTrackInfo, MetadataDetail, PlayerErrorDetail, SourceChangeDetail, StatusChangeDetail } from './ams-cdn-player.js';

/** The attributes as written in markup. */
export interface AmsCdnPlayerAttributes {
  domain?: string;
  app?: string;
  'stream-id'?: string;
  'backup-stream-id'?: string;
  'play-order'?: string;
  'play-type'?: string;
  token?: string;
  'backup-token'?: string;
  'subscriber-id'?: string;
  'subscriber-code'?: string;
  crossorigin?: 'anonymous' | 'use-credentials' | '';
  start?: string | number;
  end?: string | number;
  'target-latency'?: string | number;
  'error-ttl'?: string | number;
  'max-wait'?: string | number;
  'audio-track'?: string;
  autoplay?: boolean;
  muted?: boolean;
  playsinline?: boolean;
  controls?: boolean;
  stats?: boolean;
  poster?: string;
}

/** Properties a framework may set directly, `hlsConfig` among them (it has no attribute). */
export type AmsCdnPlayerProperties = Partial<
  Pick<
    AmsCdnPlayer,
    | 'domain'
    | 'app'
    | 'streamId'
    | 'backupStreamId'
    | 'playOrder'
    | 'playType'
    | 'token'
    | 'backupToken'
    | 'subscriberId'
    | 'subscriberCode'
    | 'crossOrigin'
    | 'start'
    | 'end'
    | 'targetLatency'
    | 'errorTtl'
    | 'maxWait'
    | 'audioTrack'
    | 'autoplay'
    | 'muted'
    | 'playsinline'
    | 'controls'
    | 'stats'
    | 'poster'
    | 'hlsConfig'
  >
>;

/**
 * Listeners as React 19 and Preact take them on custom elements: `on` followed by the event's own
 * name, so `onstatus-change` listens to `status-change`.
 */
export interface AmsCdnPlayerEventProps {
  'onstatus-change'?: (event: CustomEvent<StatusChangeDetail>) => void;
  'onplayer-error'?: (event: CustomEvent<PlayerErrorDetail>) => void;
  'onsource-change'?: (event: CustomEvent<SourceChangeDetail>) => void;
  onmetadata?: (event: CustomEvent<MetadataDetail>) => void;
  'onaudiotrack-change'?: (event: CustomEvent<AudioTrackInfo>) => void;
}

/** Everything `<ams-cdn-player>` takes in JSX, on top of a framework's common HTML attributes. */
export type AmsCdnPlayerJsxProps = AmsCdnPlayerAttributes & AmsCdnPlayerProperties & AmsCdnPlayerEventProps;
