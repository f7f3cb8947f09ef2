/**
 * Pure functions that turn the element's attributes into Ant Media Server (AMS) playlist URLs
 * behind a CloudFront distribution. Nothing here reads globals: the page location is passed in.
 *
 * URL formats (AMS docs, AMS web player):
 * - HLS: `{base}/streams/{id}_adaptive.m3u8` (ABR master, probed first), then `{base}/streams/{id}.m3u8`
 * - LL-HLS: `{base}/streams/ll-hls/{id}/{id}__master.m3u8`
 * where `{base}` is the CloudFront origin plus the optional `app` path.
 */
import { inputError } from './player-error.js';

/** A protocol the player can try, in the order the `play-order` attribute lists them. */
export type PlayOrderEntry = 'hls' | 'll-hls';

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

/** The element's attributes, as strings or null (`domain`, `app`, `stream-id`, `play-order`, auth). */
export interface StreamInputs extends AuthParams {
  domain?: string | null;
  app?: string | null;
  streamId?: string | null;
  playOrder?: string | null;
}

/** One playlist URL to probe, in order of preference. */
export interface StreamCandidate {
  playOrder: PlayOrderEntry;
  /** `adaptive`: `{id}_adaptive.m3u8`; `plain`: `{id}.m3u8`; `ll-hls`: `ll-hls/{id}/{id}__master.m3u8`. */
  variant: 'adaptive' | 'plain' | 'll-hls';
  url: string;
}

/** HTML attribute values often carry stray surrounding spaces; trim only ASCII whitespace. */
function trimAsciiWhitespace(value: string): string {
  return value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
}

/** Quotes a value for an error message: escaped (lone surrogates too), cut short to stay readable. */
function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * Validates `domain` and returns the normalized origin (`https://host[:port]`, lowercase host,
 * punycode for international names, default port dropped). Without a scheme the origin is
 * `https:`, unless the page is served over `http:` from the same host name, then `http:`.
 * Omitted (null/undefined): the page's origin, which only http(s) pages have.
 * @throws PlayerError `invalid-input` with attribute `domain`
 */
export function resolveOrigin(domain: string | null | undefined, page: PageLocation): string {
  if (domain == null && /^https?:$/.test(page.protocol)) return page.origin;
  const value = trimAsciiWhitespace(domain ?? '');
  const fail = (reason: string): never => {
    // Shown without query, fragment or userinfo: people paste tokens and passwords there.
    const shown = value.replace(/[?#][^]*/, '…').replace(/^([a-z][\w+.-]*:\/\/)?[^/]*@/i, '$1…@');
    throw inputError('domain', `${show(shown)} must be a host name such as d3m1pdd4lln4vj.cloudfront.net or an http(s) origin (${reason})`);
  };
  if (!value) fail('it is missing or empty');
  if (/[\s\p{Cc}\p{Cf}\p{Cs}]/u.test(value)) fail('it contains whitespace or an invisible character');
  const [, scheme, rest] = /^(?:(https?:)\/\/)?(.*)/i.exec(value)!;
  // Any other "name://", or "name:" not followed by a port ("localhost:5080" is a host and port;
  // "javascript:", "data:", "http:host"). A name with a dot ("cdn.example:abc") is a host.
  if (/^[a-z][\w+.-]*:\/\/|^[a-z][\w+-]*:(?!\d*([/?#]|$))/i.test(rest!)) fail('only an http:// or https:// scheme is allowed');
  if (rest![0] === '/') fail('it must start with the host name'); // "//host", "https:///host"
  // One trailing slash is tolerated ("https://host/").
  const [, authority, tail] = /^([^/?#]*)(.*)/.exec(rest!.replace(/\/$/, ''))!;
  if (authority!.includes('@')) fail('a user name or password is not allowed');
  if (tail) fail(tail[0] === '/' ? 'a path is not allowed; put it in the app attribute' : 'a query or fragment is not allowed');
  const [, host, port] = /^(\[.*\]|[^:]*)(?::(.*))?$/.exec(authority!)!;
  if (port != null && !(/^\d+$/.test(port) && +port > 0 && +port < 65536)) fail('the port must be a number from 1 to 65535');
  // The authority holds no "/", "?", "#", "@" or whitespace here, so it cannot change the URL's shape.
  let hostname: string | undefined;
  try {
    hostname = new URL(`https://${host}`).hostname;
  } catch {
    // not a host the URL API accepts: rejected below
  }
  // Letters of any script (IDN, turned into punycode by the URL API), digits, "_", "-", dots, or
  // a bracketed IPv6 address; the URL API would let "%", "*" or "\" through. Then DNS labels of at
  // most 63 characters, not empty, not starting or ending with "-". An ASCII IPv4 address must be
  // written as the URL API writes it: it rewrites "127.1", "010.0.0.1" or "0x7f.0.0.1".
  if (
    !hostname ||
    !/^(\[[\da-f:.]+\]|[\p{L}\p{M}\w.-]+)$/iu.test(host!) ||
    (host![0] !== '[' && (!/^(\w([\w-]{0,61}\w)?(\.(?!$)|$))+$/.test(hostname) || (/^[\d.]+$/.test(hostname) && hostname !== host)))
  ) {
    fail('it is not a valid host name');
  }
  const protocol = scheme ?? (page.protocol === 'http:' && page.hostname === hostname ? 'http:' : 'https:');
  // Parsed with the final scheme so that the default port dropped is that scheme's.
  return new URL(`${protocol}//${authority}`).origin;
}

/** Control, invisible formatting (zero-width, bidi) and lone surrogate characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;

/**
 * Parses `app`, the optional path prefix for distributions whose origin path is empty
 * (`live` -> `{origin}/live/streams/...`). Returns the segments, each percent-encoded;
 * leading and trailing slashes are trimmed; omitted or empty -> `[]`.
 * @throws PlayerError `invalid-input` with attribute `app`
 */
export function parseAppPath(app: string | null | undefined): string[] {
  const value = trimAsciiWhitespace(app ?? '');
  const path = value.replace(/^\/+|\/+$/g, '');
  return path
    ? path.split('/').map((segment) => {
        // "." and ".." would be resolved away by the URL API; "?" and "#" would end the path.
        if (INVISIBLE.test(value) || /^\.{0,2}$|[\s?#\\]/.test(segment)) {
          throw inputError('app', `${show(value)} must be a path such as "live" (no whitespace, invisible characters, "?", "#", "\\" or empty, "." or ".." segments)`);
        }
        return encodeURIComponent(segment);
      })
    : [];
}

/**
 * Validates `stream-id` (required) and returns it with surrounding ASCII whitespace trimmed,
 * not yet encoded; URLs encode it as one path segment (`a/b` -> `a%2Fb`).
 * @throws PlayerError `invalid-input` with attribute `stream-id`
 */
export function validateStreamId(streamId: string | null | undefined): string {
  const value = trimAsciiWhitespace(streamId ?? '');
  if (!value) throw inputError('stream-id', 'is missing or empty; set it to the id of the AMS stream, e.g. stream-id="stream1"');
  // "." and ".." would be resolved away as dot segments by the URL API.
  if (INVISIBLE.test(value) || /^\.\.?$/.test(value)) {
    throw inputError('stream-id', `${show(value)} is not a stream id (no control or invisible characters, not "." or "..")`);
  }
  return value;
}

/**
 * Parses `play-order`: a comma-separated list of `hls` and `ll-hls` (trimmed, case-insensitive,
 * duplicates dropped keeping the first). Omitted or empty -> `['hls']`.
 * @throws PlayerError `invalid-input` with attribute `play-order`, naming the bad entry
 */
export function parsePlayOrder(playOrder: string | null | undefined): PlayOrderEntry[] {
  if (!playOrder?.trim()) return [...DEFAULT_PLAY_ORDER];
  const result: PlayOrderEntry[] = [];
  for (const raw of playOrder.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry !== 'hls' && entry !== 'll-hls') {
      throw inputError('play-order', `${entry ? show(raw.trim()) : 'an empty entry'} is not supported; use "hls", "ll-hls" or both, e.g. "ll-hls,hls"`);
    }
    if (!result.includes(entry)) result.push(entry);
  }
  return result;
}

/**
 * Adds the non-empty auth values as `token`, `subscriberId`, `subscriberCode` query parameters, on
 * absolute http(s) and relative URLs; other schemes (`data:`, `blob:`) are returned unchanged so
 * secrets never leave for them, and so is a URL when there is nothing to add. The first existing
 * parameter of a name is replaced in place, later ones dropped, new names appended. Everything
 * else, path, fragment and the other parameters (`_HLS_msn`, ...) is kept byte for byte:
 * re-serializing could alter signed-URL parameters such as CloudFront's `Signature`.
 */
export function withAuthParams(url: string, auth: AuthParams): string {
  const values = new Map<string, string | null>();
  for (const name of ['token', 'subscriberId', 'subscriberCode'] as const) {
    const value = trimAsciiWhitespace(auth[name] ?? '');
    if (value) values.set(name, value);
  }
  if (!values.size || /^(?!https?:)[a-z][\w+.-]*:/i.test(url)) return url;
  const [, path, query, hash] = /^([^?#]*)\??([^#]*)(.*)/s.exec(url)!;
  const parts: string[] = [];
  // Appends `name=value` once; null marks a name already placed.
  const place = (name: string): void => {
    const value = values.get(name);
    if (value != null) parts.push(`${new URLSearchParams({ [name]: value })}`);
    values.set(name, null);
  };
  for (const part of query!.split('&')) {
    let name: string | undefined;
    try {
      name = decodeURIComponent(part.split('=')[0]!.replace(/\+/g, ' '));
    } catch {
      // not decodable: not one of ours, kept as it is
    }
    if (values.has(name!)) place(name!);
    else if (part) parts.push(part);
  }
  for (const name of values.keys()) place(name);
  return `${path}?${parts.join('&')}${hash}`;
}

/**
 * Validates all inputs (in the order domain, app, stream-id, play-order; throws the first
 * `PlayerError`) and returns the playlist URLs to probe, in play order, with auth applied.
 */
export function streamCandidates(inputs: StreamInputs, page: PageLocation): StreamCandidate[] {
  const base = [resolveOrigin(inputs.domain, page), ...parseAppPath(inputs.app), 'streams'].join('/');
  const id = encodeURIComponent(validateStreamId(inputs.streamId));
  return parsePlayOrder(inputs.playOrder).flatMap((playOrder) =>
    (playOrder === 'hls'
      ? ([['adaptive', `${id}_adaptive.m3u8`], ['plain', `${id}.m3u8`]] as const)
      : ([['ll-hls', `ll-hls/${id}/${id}__master.m3u8`]] as const)
    ).map(([variant, file]) => ({ playOrder, variant, url: withAuthParams(new URL(`${base}/${file}`).href, inputs) })),
  );
}
