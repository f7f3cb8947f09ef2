/**
 * Pure functions that turn the element's attributes into Ant Media Server (AMS) playlist URLs
 * behind a CloudFront distribution. Nothing here reads globals: the page location is passed in.
 *
 * URL formats (AMS docs, AMS web player):
 * - HLS: `{base}/streams/{id}_adaptive.m3u8` (ABR master, probed first), then `{base}/streams/{id}.m3u8`
 * - LL-HLS: `{base}/streams/ll-hls/{id}/{id}__master.m3u8`
 * - VOD (the recording AMS writes): `{base}/streams/{id}.mp4`, or `.webm`, in the `play-type` order
 * where `{base}` is the CloudFront origin plus the optional `app` path.
 */
import { inputError } from '../common/player-error.js';
import type { RequestCredentials } from './request-credentials.js';

/** A protocol the player can try, in the order the `play-order` attribute lists them; `vod` is the recording. */
export type PlayOrderEntry = 'hls' | 'll-hls' | 'vod';

/** A recording's file type, in the order the `play-type` attribute lists them. */
export type PlayType = 'mp4' | 'webm';

/** AMS's player's `playType` default: the MP4 recording first. */
export const DEFAULT_PLAY_TYPE: readonly PlayType[] = Object.freeze(['mp4', 'webm']);

/** The play order used when `play-order` is omitted or empty. */
export const DEFAULT_PLAY_ORDER: readonly PlayOrderEntry[] = Object.freeze(['hls']);

/** The subset of `Location` the functions need; pass `window.location` or a plain object. */
export interface PageLocation {
  protocol: string;
  hostname: string;
  host: string;
  origin: string;
}

/** AMS stream security: sent as the query parameters `token`, `subscriberId`, `subscriberCode`. */
export interface AuthParams {
  token?: string | null;
  subscriberId?: string | null;
  subscriberCode?: string | null;
}

const authParamNames = ['token', 'subscriberId', 'subscriberCode'] as const;
type AuthParamName = (typeof authParamNames)[number];

/** An interval of a recorded stream: `start` and `end` on the playlist URL. */
export interface PlaylistInterval {
  start?: string | number | null;
  end?: string | number | null;
}

/** The element's attributes, as strings or null (`domain`, `app`, `stream-id`, `play-order`, auth, interval). */
export interface StreamInputs extends AuthParams, PlaylistInterval {
  domain?: string | null;
  app?: string | null;
  streamId?: string | null;
  /** The recording's file types for the `vod` entry, in order (`mp4,webm`). */
  playType?: string | null;
  /** Played, in the same play order, while the main stream is not live. */
  backupStreamId?: string | null;
  /** The backup stream's own token (a JWT names one stream); without it, the backup gets `token`. */
  backupToken?: string | null;
  playOrder?: string | null;
}

/** One playlist URL to probe, in order of preference. */
export interface StreamCandidate {
  /** The stream id, as the page wrote it (trimmed). */
  streamId: string;
  /** The page's `backup-stream-id`: played only while the main stream is not. */
  backup: boolean;
  playOrder: PlayOrderEntry;
  /** `adaptive`: `{id}_adaptive.m3u8`; `plain`: `{id}.m3u8`; `ll-hls`: `ll-hls/{id}/{id}__master.m3u8`; a recording: `{id}.mp4`, `{id}.webm`. */
  variant: 'adaptive' | 'plain' | 'll-hls' | PlayType;
  /** Without the viewer's credentials, so it can be shown and logged; requests add them (request-credentials.ts). */
  url: string;
  /** What this stream's requests carry, and where they may go. */
  credentials: RequestCredentials;
}

/** A `domain` value taken apart: `[scheme://]host[:port][/]tail`. */
interface DomainParts {
  /** `http:` or `https:` as written, or undefined without a scheme. */
  scheme: string | undefined;
  /** Host and port as written. */
  authority: string;
  /** The host as written: a name, an IPv4 address or a bracketed IPv6 address. */
  host: string;
  /** Anything after host, port and one optional slash: must be empty. */
  tail: string;
}

function splitDomain(value: string): DomainParts {
  const schemeMatch = /^(https?:)\/\//i.exec(value);
  const scheme = schemeMatch?.[1];
  const rest = value.slice(schemeMatch?.[0].length ?? 0);
  // A bracketed IPv6 address may hold ":"; any other host ends at the port, path, query or fragment.
  const host = /^(\[.*?\]|[^/?#:]*)/s.exec(rest)![0];
  const port = /^(:[^/?#]*)?/.exec(rest.slice(host.length))![0];
  const authority = host + port;
  // One trailing slash is tolerated ("https://host/").
  const tail = rest.slice(authority.length).replace(/^\//, '');
  return { scheme, authority, host, tail };
}

/** The host name the URL API reads from `authority`, or undefined if it rejects it (a bad port, say). */
function parsedHostname(authority: string): string | undefined {
  try {
    return new URL(`https://${authority}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** DNS labels of letters, digits, "_" and "-", 1 to 63 characters, not starting or ending with "-". */
const dnsName = /^(\w([\w-]{0,61}\w)?(\.(?!$)|$))+$/;

/**
 * The normalized host name if `parts` name a host and optional port and nothing else, else
 * undefined. The URL API checks the port's digits and range, bracketed IPv6 and international
 * names (to punycode). What it would silently rewrite is refused here instead: "@" (userinfo), "%"
 * (decoded), "\\" (read as "/"), whitespace (dropped), and IPv4 written as "127.1", "010.0.0.1" or
 * "0x7f.0.0.1". Another scheme ("ftp://", "javascript:", "data:", "http:host") reads as a host with
 * a bad port; "localhost:5080" is a host and port.
 */
function acceptedHostname({ authority, host, tail }: DomainParts): string | undefined {
  if (tail) return undefined;
  if (/[@\\%\s]/.test(authority)) return undefined;
  // An empty port ("host:") and port 0, which the URL API lets through.
  if (/:0*$/.test(authority)) return undefined;
  const hostname = parsedHostname(authority);
  if (!hostname) return undefined;
  const isIpv6 = hostname.startsWith('[');
  if (!isIpv6 && !dnsName.test(hostname)) return undefined;
  const isRewrittenIpv4 = /^[\d.]+$/.test(hostname) && hostname !== host;
  if (isRewrittenIpv4) return undefined;
  return hostname;
}

/** A rejected `domain` as shown in the error: people paste passwords and tokens into userinfo, query or fragment. */
function withoutSecrets(value: string): string {
  return value.replace(/^[^]*@|[?#][^]*/g, '…');
}

/**
 * Validates `domain` and returns the normalized origin (`https://host[:port]`, lowercase host,
 * punycode for international names, default port dropped). Surrounding whitespace is ignored.
 * Without a scheme the origin is `https:`, unless the page is served over `http:` from the same
 * host name, then `http:`. Omitted (null/undefined): the page's origin, which only http(s) pages have.
 * @throws PlayerError `invalid-input` with attribute `domain`
 */
export function resolveOrigin(domain: string | null | undefined, page: PageLocation): string {
  const pageIsWeb = page.protocol === 'http:' || page.protocol === 'https:';
  if (domain == null && pageIsWeb) return page.origin;
  const value = (domain ?? '').trim();
  const parts = splitDomain(value);
  const hostname = acceptedHostname(parts);
  if (!hostname) {
    throw inputError(
      'domain',
      withoutSecrets(value),
      'a host name such as d3m1pdd4lln4vj.cloudfront.net or an http(s) origin, with an optional port and no path (put that in app)',
    );
  }
  const sameHostOverHttp = page.protocol === 'http:' && page.hostname === hostname;
  const protocol = parts.scheme ?? (sameHostOverHttp ? 'http:' : 'https:');
  // Parsed with the final scheme so that the default port dropped is that scheme's.
  return new URL(`${protocol}//${parts.authority}`).origin;
}

/**
 * Parses `app`, the optional path prefix for distributions whose origin path is empty
 * (`live` -> `{origin}/live/streams/...`). Returns the segments, each percent-encoded;
 * surrounding whitespace and slashes are trimmed; omitted or empty -> `[]`.
 * @throws PlayerError `invalid-input` with attribute `app`
 */
export function parseAppPath(app: string | null | undefined): string[] {
  const path = (app ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (!path) return [];
  // "." and ".." would be resolved away by the URL API; "?" and "#" would end the path. \p{Cc},
  // \p{Cf} and \p{Cs}: control, invisible formatting (zero-width, bidi) and lone surrogates.
  if (/[\s?#\\\p{Cc}\p{Cf}\p{Cs}]|(^|\/)\.{0,2}(\/|$)/u.test(path)) {
    throw inputError('app', path, 'a path such as "live" (not ".", ".." or invisible characters, no spaces, "?", "#" or "\\")');
  }
  return path.split('/').map(encodeURIComponent);
}

/**
 * Validates `stream-id` (required) and returns it with surrounding whitespace trimmed, not yet
 * encoded; URLs encode it as one path segment (`a/b` -> `a%2Fb`).
 * @throws PlayerError `invalid-input` with attribute `attribute` (`stream-id`, or `backup-stream-id`)
 */
export function validateStreamId(streamId: string | null | undefined, attribute = 'stream-id'): string {
  const value = (streamId ?? '').trim();
  // Required; "." and ".." would be resolved away as dot segments by the URL API.
  if (/[\p{Cc}\p{Cf}\p{Cs}]|^\.{0,2}$/u.test(value)) {
    throw inputError(attribute, value, 'an AMS stream id such as "stream1" (not ".", ".." or invisible characters)');
  }
  return value;
}

/**
 * Play-order entries AMS's own player knows that cannot come through this player, with why: AMS
 * links carry `webrtc,hls` by default, and such an order plays its HLS entry.
 */
const entriesSkipped: ReadonlyMap<string, string> = new Map([
  ['webrtc', 'WebRTC plays from the AMS server itself, not through a CDN'],
  ['dash', 'this player plays HLS; DASH needs another player'],
]);

/** The play-order's entries as written, trimmed. */
const playOrderEntries = (playOrder: string): string[] => playOrder.split(',').map((raw) => raw.trim());

/**
 * Parses `play-order`: a comma-separated list of `hls`, `ll-hls` and `vod` (trimmed, case-insensitive,
 * duplicates dropped keeping the first); `webrtc` and `dash` are skipped (see skippedPlayOrderEntries).
 * Omitted or empty -> `['hls']`.
 * @throws PlayerError `invalid-input` with attribute `play-order`, naming the bad entry, or when
 * nothing playable is left
 */
export function parsePlayOrder(playOrder: string | null | undefined): PlayOrderEntry[] {
  if (!playOrder?.trim()) return [...DEFAULT_PLAY_ORDER];
  const entries: PlayOrderEntry[] = [];
  for (const written of playOrderEntries(playOrder)) {
    const entry = written.toLowerCase();
    if (entry === 'hls' || entry === 'll-hls' || entry === 'vod') entries.push(entry);
    else if (!entriesSkipped.has(entry)) throw inputError('play-order', written, 'hls, ll-hls or vod, e.g. "ll-hls,hls"');
  }
  if (entries.length === 0) throw inputError('play-order', playOrder.trim(), `at least one of hls, ll-hls or vod (${skippedPlayOrderEntries(playOrder).join('; ')})`);
  return [...new Set(entries)];
}

/**
 * Parses `play-type`: the recording's file types for `vod`, a comma-separated list of `mp4` and
 * `webm` (as AMS's `playType`). Omitted or empty -> `['mp4', 'webm']`.
 * @throws PlayerError `invalid-input` with attribute `play-type`
 */
export function parsePlayType(playType: string | null | undefined): PlayType[] {
  if (!playType?.trim()) return [...DEFAULT_PLAY_TYPE];
  const types = playType.split(',').map((written) => {
    const type = written.trim().toLowerCase();
    if (type !== 'mp4' && type !== 'webm') throw inputError('play-type', written.trim(), 'mp4 or webm, e.g. "mp4,webm"');
    return type;
  });
  return [...new Set(types)];
}

/** The `play-order` entries the player skips, each with why ("webrtc: ..."); none for an order it rejects. */
export function skippedPlayOrderEntries(playOrder: string | null | undefined): string[] {
  const entries = new Set(playOrderEntries(playOrder ?? '').map((entry) => entry.toLowerCase()));
  return [...entries].filter((entry) => entriesSkipped.has(entry)).map((entry) => `${entry}: ${entriesSkipped.get(entry)}`);
}

/**
 * Adds the non-empty auth values as `token`, `subscriberId`, `subscriberCode` query parameters, on
 * absolute http(s) and relative URLs; other schemes (`data:`, `blob:`) are returned unchanged so
 * secrets never leave for them, and so is a URL when there is nothing to add. The first existing
 * parameter of a name is replaced in place, later ones dropped, new names appended. Everything
 * else, path, fragment and the other parameters (`_HLS_msn`, ...), is kept byte for byte:
 * re-serializing could alter signed-URL parameters such as CloudFront's `Signature`.
 */
export function withAuthParams(url: string, auth: AuthParams): string {
  const pairs = authParamNames
    .map((name) => [name, auth[name]?.trim()] as const)
    .filter((pair): pair is readonly [AuthParamName, string] => Boolean(pair[1]));
  return withQueryParameters(url, pairs);
}

/** Sets query parameters as withAuthParams describes: in place, the rest of the URL byte for byte. */
function withQueryParameters(url: string, pairs: readonly (readonly [string, string])[]): string {
  const otherScheme = /^(?!https?:)[\w+.-]+:/i.test(url);
  if (otherScheme || pairs.length === 0) return url;
  const [, path, query, hash] = /^([^?#]*)\??([^#]*)(.*)/s.exec(url)!;
  let parameters = query!.split('&');
  for (const [name, value] of pairs) {
    const hasName = (parameter: string): boolean => parameter.split('=')[0] === name;
    const first = parameters.findIndex(hasName);
    const pair = new URLSearchParams({ [name]: value }).toString();
    parameters = parameters.filter((parameter, index) => index === first || !hasName(parameter));
    if (first < 0) parameters.push(pair);
    else parameters[first] = pair;
  }
  // Empty parts ("a=1&&b=2", or no query at all) are dropped.
  return `${path}?${parameters.filter(Boolean).join('&')}${hash}`;
}

/**
 * `start` and `end` as query parameters of the playlist URL, as AMS's play.html passes them: AMS then
 * serves that interval of a recorded HLS stream. Each, when given, is a number of 0 or more, passed
 * on as written (AMS reads it).
 * @throws PlayerError `invalid-input` with attribute `start` or `end`
 */
function intervalParams({ start, end }: PlaylistInterval): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of [['start', start], ['end', end]] as const) {
    const written = `${value ?? ''}`.trim();
    if (!written) continue;
    if (!/^\d+(\.\d+)?$/.test(written)) throw inputError(name, written, 'a number of 0 or more, as AMS takes it for a recorded stream');
    pairs.push([name, written]);
  }
  return pairs;
}

/**
 * The preview image AMS writes for a stream, `{base}/previews/{id}.png`, with the id's `_adaptive`
 * suffix dropped as AMS's player drops it; without credentials (the image request adds them).
 * @throws PlayerError `invalid-input` for a bad domain, app or stream-id
 */
export function previewImageUrl(inputs: StreamInputs, page: PageLocation): string {
  const base = [resolveOrigin(inputs.domain, page), ...parseAppPath(inputs.app)].join('/');
  const id = validateStreamId(inputs.streamId).replace(/_adaptive$/, '');
  return new URL(`${base}/previews/${encodeURIComponent(id)}.png`).href;
}

/**
 * The credentials of the main stream, or of the backup (its own `backup-token` where the page gave
 * one), for the configured domain's origin only.
 * @throws PlayerError `invalid-input` for a bad domain
 */
export function streamCredentials({ inputs, page, cookies, backup }: { inputs: StreamInputs; page: PageLocation; cookies: boolean; backup: boolean }): RequestCredentials {
  const token = backup && inputs.backupToken?.trim() ? inputs.backupToken : inputs.token;
  return { origin: resolveOrigin(inputs.domain, page), auth: { token, subscriberId: inputs.subscriberId, subscriberCode: inputs.subscriberCode }, cookies };
}

/**
 * Validates all inputs (in the order domain, app, stream-id, play-order, start, end,
 * backup-stream-id; throws the first `PlayerError`) and returns the playlist URLs to probe, in play
 * order, with the interval applied and each stream's credentials beside it: the main stream's, then
 * the backup's (same order). `cookies`: `crossorigin="use-credentials"`.
 */
export function streamCandidates(inputs: StreamInputs, page: PageLocation, { cookies = false }: { cookies?: boolean } = {}): StreamCandidate[] {
  const base = [resolveOrigin(inputs.domain, page), ...parseAppPath(inputs.app), 'streams'].join('/');
  const streamId = validateStreamId(inputs.streamId);
  const playOrder = parsePlayOrder(inputs.playOrder);
  const playTypes = parsePlayType(inputs.playType);
  const interval = intervalParams(inputs);
  const hasBackup = Boolean(inputs.backupStreamId?.trim());
  const backupStreamId = hasBackup ? validateStreamId(inputs.backupStreamId, 'backup-stream-id') : null;
  const fileUrl = (file: string): string => withQueryParameters(new URL(`${base}/${file}`).href, interval);
  const candidatesOf = (id: string, backup: boolean): StreamCandidate[] => {
    const credentials = streamCredentials({ inputs, page, cookies, backup });
    const segment = encodeURIComponent(id);
    const files = {
      hls: [['adaptive', `${segment}_adaptive.m3u8`], ['plain', `${segment}.m3u8`]],
      'll-hls': [['ll-hls', `ll-hls/${segment}/${segment}__master.m3u8`]],
      vod: playTypes.map((type) => [type, `${segment}.${type}`]),
    } satisfies Record<PlayOrderEntry, [StreamCandidate['variant'], string][]>;
    return playOrder.flatMap((entry) =>
      files[entry].map(([variant, file]) => ({ streamId: id, backup, playOrder: entry, variant, url: fileUrl(file), credentials })),
    );
  };
  return [...candidatesOf(streamId, false), ...(backupStreamId === null ? [] : candidatesOf(backupStreamId, true))];
}
