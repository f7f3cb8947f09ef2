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

/**
 * Validates `domain` and returns the normalized origin (`https://host[:port]`, lowercase host,
 * punycode for international names, default port dropped). Surrounding whitespace is ignored.
 * Without a scheme the origin is `https:`, unless the page is served over `http:` from the same
 * host name, then `http:`. Omitted (null/undefined): the page's origin, which only http(s) pages have.
 * @throws PlayerError `invalid-input` with attribute `domain`
 */
export function resolveOrigin(domain: string | null | undefined, page: PageLocation): string {
  if (domain == null && /^https?:$/.test(page.protocol)) return page.origin;
  const value = (domain ?? '').trim();
  // One trailing slash is tolerated ("https://host/"); anything else after host and port (the tail) is not.
  const [, scheme, authority, host, tail] = /^(?:(https?:)\/\/)?((\[.*?\]|[^/?#:]*)(?::[^/?#]*)?)\/?(.*)/is.exec(value)!;
  let hostname: string | undefined;
  try {
    hostname = new URL(`https://${authority}`).hostname;
  } catch {
    // not a host and port the URL API accepts: rejected below
  }
  // The URL API checks the port's digits and range (an empty port and port 0 are checked here),
  // bracketed IPv6 and international names (to punycode). It also reads "@" as userinfo, decodes
  // "%", reads "\\" as "/", drops tabs and line breaks, and rewrites IPv4 written as "127.1",
  // "010.0.0.1" or "0x7f.0.0.1": none of that is accepted. What comes out must be DNS labels of
  // letters, digits, "_" and "-", 1 to 63 characters, not starting or ending with "-". Another
  // scheme ("ftp://", "javascript:", "data:", "http:host") reads as a host with a bad port;
  // "localhost:5080" is a host and port.
  if (
    tail ||
    !hostname ||
    /[@\\%\s]|:0*$/.test(authority!) ||
    !/^\[|^(\w([\w-]{0,61}\w)?(\.(?!$)|$))+$/.test(hostname) ||
    (/^[\d.]+$/.test(hostname) && hostname !== host)
  ) {
    // Shown without userinfo, query or fragment: people paste passwords and tokens there.
    throw inputError(
      'domain',
      value.replace(/^[^]*@|[?#][^]*/g, '…'),
      'a host name such as d3m1pdd4lln4vj.cloudfront.net or an http(s) origin, with an optional port and no path (put that in app)',
    );
  }
  const protocol = scheme ?? (page.protocol === 'http:' && page.hostname === hostname ? 'http:' : 'https:');
  // Parsed with the final scheme so that the default port dropped is that scheme's.
  return new URL(`${protocol}//${authority}`).origin;
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
 * @throws PlayerError `invalid-input` with attribute `stream-id`
 */
export function validateStreamId(streamId: string | null | undefined): string {
  const value = (streamId ?? '').trim();
  // Required; "." and ".." would be resolved away as dot segments by the URL API.
  if (/[\p{Cc}\p{Cf}\p{Cs}]|^\.{0,2}$/u.test(value)) {
    throw inputError('stream-id', value, 'an AMS stream id such as "stream1" (not ".", ".." or invisible characters)');
  }
  return value;
}

/**
 * Parses `play-order`: a comma-separated list of `hls` and `ll-hls` (trimmed, case-insensitive,
 * duplicates dropped keeping the first). Omitted or empty -> `['hls']`.
 * @throws PlayerError `invalid-input` with attribute `play-order`, naming the bad entry
 */
export function parsePlayOrder(playOrder: string | null | undefined): PlayOrderEntry[] {
  return playOrder?.trim()
    ? [
        ...new Set(
          playOrder.split(',').map((raw) => {
            const entry = raw.trim().toLowerCase();
            if (entry !== 'hls' && entry !== 'll-hls') throw inputError('play-order', raw.trim(), 'hls or ll-hls, e.g. "ll-hls,hls"');
            return entry as PlayOrderEntry;
          }),
        ),
      ]
    : [...DEFAULT_PLAY_ORDER];
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
  const [, path, query, hash] = /^([^?#]*)\??([^#]*)(.*)/s.exec(url)!;
  let parts: (string | undefined)[] = query!.split('&');
  let result = url;
  for (const name of ['token', 'subscriberId', 'subscriberCode'] as const) {
    const value = auth[name]?.trim();
    if (value) {
      // The first part of that name becomes the new pair, later ones undefined (dropped below).
      const pending = [`${new URLSearchParams({ [name]: value })}`];
      parts = parts.map((part) => (part?.split('=')[0] === name ? pending.pop() : part));
      parts.push(...pending);
      result = `${path}?${parts.filter(Boolean).join('&')}${hash}`;
    }
  }
  return /^(?!https?:)[\w+.-]+:/i.test(url) ? url : result;
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
