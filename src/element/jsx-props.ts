import type { AmsCdnPlayer, AudioTrackInfo, MetadataDetail, PlayerErrorDetail, SourceChangeDetail, StatusChangeDetail } from './ams-cdn-player.js';

/** The element's own list of its properties (AmsCdnPlayer.properties); `status` is an output, not an input. */
type Declarations = Omit<typeof AmsCdnPlayer.properties, 'status'>;
type InputName = keyof Declarations & keyof AmsCdnPlayer;

/** The attribute a property reads, as Lit names it: its own `attribute`, else the name in lower case; none for `attribute: false`. */
type AttributeOf<Name extends InputName> = Declarations[Name] extends { attribute: false }
  ? never
  : Declarations[Name] extends { attribute: infer Attribute extends string }
    ? Attribute
    : Lowercase<Name>;

/** What markup may write: a Boolean attribute's presence, else text (numbers are written as text). */
type AttributeValue<Name extends InputName> = Declarations[Name] extends { type: BooleanConstructor }
  ? boolean
  : Extract<NonNullable<AmsCdnPlayer[Name]>, string | number>;

/** The attributes as written in markup, one per input of the element. */
export type AmsCdnPlayerAttributes = {
  [Name in InputName as AttributeOf<Name>]?: AttributeValue<Name>;
};

/** Properties a framework may set directly, `hlsConfig` among them (it has no attribute). */
export type AmsCdnPlayerProperties = Partial<Pick<AmsCdnPlayer, InputName>>;

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
