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

const DOMAIN_HINT = 'must be a host name such as d3m1pdd4lln4vj.cloudfront.net or an http(s) origin';

/** Schemes other than http(s) that, written without `//`, are clearly a scheme and not `host:port`. */
const OTHER_KNOWN_SCHEMES = /^(javascript|vbscript|data|blob|file|filesystem|ftp|about|mailto|tel|sms|wss?|view-source|chrome|intent)$/;

/** C0/C1 controls and invisible formatting characters (zero-width, bidi overrides). */
const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const PATH_NOT_ALLOWED = 'a path is not allowed here; put the application name in the app attribute';

/** Problems that `domain` and `app` share, each with the reason given, checked in this order. */
const textRules: [RegExp, string][] = [
  [CONTROL_OR_INVISIBLE, 'it contains a control or invisible character'],
  [/\s/, 'it contains whitespace'],
];
/** Then for `domain`: problems visible before it is split into scheme, host and port. */
const domainTextRules: [RegExp, string][] = [
  [/^$/, 'it is empty'],
  ...textRules,
  [/\\/, 'backslashes are not allowed'],
  [/^\/\//, 'a protocol-relative "//host" is not allowed; write https://host'],
  [/^\//, PATH_NOT_ALLOWED],
];

/** Calls `fail` with the reason of the first rule whose pattern matches `value`. */
function checkRules(value: string, rules: [RegExp, string][], fail: (reason: string) => never): void {
  for (const [pattern, reason] of rules) if (pattern.test(value)) fail(reason);
}

/** HTML attribute values often carry stray surrounding spaces; trim only ASCII whitespace. */
function trimAsciiWhitespace(value: string): string {
  return value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
}

/** Quotes a value for an error message: escaped, and cut short so a message stays readable. */
function show(value: string): string {
  const max = 80;
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** Shows a `domain` value without its query, fragment or userinfo, which may hold secrets. */
function showDomain(value: string): string {
  let shown = value;
  const cut = shown.search(/[?#]/);
  if (cut >= 0) shown = `${shown.slice(0, cut)}${shown[cut]}…`;
  shown = shown.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/@]*@/, (_m, scheme: string | undefined) => `${scheme ?? ''}…@`);
  return show(shown);
}

/** encodeURIComponent, but a bad-input error instead of a URIError on unpaired surrogates. */
function encodeSegment(attribute: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw inputError(attribute, `${show(value)} is not valid Unicode text`);
  }
}

/** The page's own origin, used when `domain` is omitted; only http(s) pages have a usable one. */
function pageOrigin(page: PageLocation): string {
  const protocol = page.protocol.toLowerCase();
  if (protocol === 'http:' || protocol === 'https:') {
    try {
      return new URL(page.origin).origin;
    } catch {
      // fall through to the error below
    }
  }
  throw inputError(
    'domain',
    `is required on this page (its origin is ${show(page.origin)}); ${DOMAIN_HINT.replace('must be', 'set it to')}`,
  );
}

/**
 * Validates `domain` and returns the normalized origin (`https://host[:port]`, lowercase host,
 * default port dropped). Without a scheme the origin is `https:`, unless the page is served over
 * `http:` from the same host name, then `http:`. Omitted (null/undefined): the page's origin.
 * @throws PlayerError `invalid-input` with attribute `domain`
 */
export function resolveOrigin(domain: string | null | undefined, page: PageLocation): string {
  if (domain === null || domain === undefined) return pageOrigin(page);
  const fail = (reason: string): never => {
    throw inputError('domain', `${showDomain(domain)} ${DOMAIN_HINT} (${reason})`);
  };

  const value = trimAsciiWhitespace(domain);
  checkRules(value, domainTextRules, fail);

  let scheme: string | undefined;
  let rest = value;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/)?/.exec(value);
  if (schemeMatch) {
    const name = schemeMatch[1]!.toLowerCase();
    const isHttp = name === 'http' || name === 'https';
    const slashes = schemeMatch[2];
    // Without "//", an unknown name is a host followed by `:port`; the port is checked below.
    if (slashes || OTHER_KNOWN_SCHEMES.test(name)) {
      if (!isHttp) fail(`the scheme "${name}:" is not allowed; use https:// or http://`);
      scheme = `${name}:`;
      rest = value.slice(schemeMatch[0].length);
      if (rest.startsWith('/')) fail(`write ${name}:// followed directly by the host name`);
    } else if (isHttp) {
      fail(`write ${name}:// followed by the host name`);
    }
  }

  // A single trailing slash is tolerated ("https://host/").
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const delimiter = rest.search(/[/?#]/);
  const authority = delimiter >= 0 ? rest.slice(0, delimiter) : rest;
  if (authority.includes('@')) fail('a user name or password ("user@") is not allowed');
  if (delimiter >= 0) {
    const found = rest[delimiter];
    fail(found === '/' ? PATH_NOT_ALLOWED : found === '?' ? 'a query ("?…") is not allowed' : 'a fragment ("#…") is not allowed');
  }
  if (authority === '') fail('the host name is missing');

  let host: string;
  let port: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) fail('the IPv6 address is missing its closing "]"');
    host = authority.slice(0, close + 1);
    const tail = authority.slice(close + 1);
    if (tail !== '') {
      if (!tail.startsWith(':')) fail('only a ":port" may follow the IPv6 address');
      port = tail.slice(1);
    }
  } else {
    const colon = authority.indexOf(':');
    if (colon >= 0 && authority.includes(':', colon + 1)) {
      fail('write IPv6 addresses in brackets, e.g. [2001:db8::1]');
    }
    host = colon >= 0 ? authority.slice(0, colon) : authority;
    port = colon >= 0 ? authority.slice(colon + 1) : undefined;
  }
  if (host === '') fail('the host name is missing');
  if (port !== undefined && (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    fail(`the port ${show(port)} must be a number from 1 to 65535`);
  }
  const isIpv6 = host.startsWith('[');
  if (!isIpv6) {
    // The URL API accepts characters such as "%", "*", "!" or "$" in host names; DNS does not.
    const bad = /[\u0000-\u007f]/.exec(host.replace(/[A-Za-z0-9._-]/g, ''));
    if (bad) fail(`the character ${show(bad[0])} is not allowed in a host name`);
  }

  // The URL API's verdict on the host (IDNA, IPv4/IPv6 syntax), then checks for what it lets through.
  // The authority is free of "/", "?", "#", "@", "\" and whitespace here, so it cannot change the URL's shape.
  let parsed: URL;
  try {
    parsed = new URL(`https://${authority}`);
  } catch {
    return fail(`${show(host)} is not a valid host name`);
  }
  const hostname = parsed.hostname;
  if (!isIpv6) {
    if (/^[0-9]+(\.[0-9]+){3}$/.test(hostname)) {
      // The URL API also reads "127.1", "0x7f.0.0.1" or "010.0.0.1" as IPv4; accept only the plain form.
      if (host.toLowerCase() !== hostname) fail('write an IPv4 address as four decimal numbers, e.g. 192.0.2.10');
    } else {
      if (hostname.length > 253) fail('the host name is longer than 253 characters');
      for (const label of hostname.split('.')) {
        if (label === '') fail('the host name has an empty part between dots');
        if (label.length > 63) fail('a part of the host name is longer than 63 characters');
        if (label.startsWith('-') || label.endsWith('-')) {
          fail(`the part ${show(label)} must not start or end with "-"`);
        }
      }
    }
  }

  const samePageHost = page.hostname.toLowerCase() === hostname;
  const protocol = scheme ?? (page.protocol.toLowerCase() === 'http:' && samePageHost ? 'http:' : 'https:');
  // Parsed again with the final scheme so that the default port dropped is that scheme's.
  return new URL(`${protocol}//${authority}`).origin;
}

/**
 * Parses `app`, the optional path prefix for distributions whose origin path is empty
 * (`live` -> `{origin}/live/streams/...`). Returns the segments, each percent-encoded;
 * leading and trailing slashes are trimmed; omitted or empty -> `[]`.
 * @throws PlayerError `invalid-input` with attribute `app`
 */
export function parseAppPath(app: string | null | undefined): string[] {
  if (app === null || app === undefined) return [];
  const fail = (reason: string): never => {
    throw inputError('app', `${show(app)} must be an application path such as "live" (${reason})`);
  };
  const value = trimAsciiWhitespace(app);
  checkRules(value, [...textRules, [/[?#]/, '"?" and "#" are not allowed'], [/\\/, 'separate segments with "/", not "\\"']], fail);
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((segment) => {
    if (segment === '') fail('it has an empty segment ("//")');
    if (segment === '.' || segment === '..') fail('"." and ".." segments are not allowed');
    return encodeSegment('app', segment);
  });
}

/**
 * Validates `stream-id` (required) and returns it with surrounding ASCII whitespace trimmed,
 * not yet encoded; URLs encode it as one path segment (`a/b` -> `a%2Fb`).
 * @throws PlayerError `invalid-input` with attribute `stream-id`
 */
export function validateStreamId(streamId: string | null | undefined): string {
  if (streamId === null || streamId === undefined) {
    throw inputError('stream-id', 'is missing; set it to the id of the AMS stream, e.g. stream-id="stream1"');
  }
  const value = trimAsciiWhitespace(streamId);
  if (value === '') {
    throw inputError('stream-id', 'is empty; set it to the id of the AMS stream, e.g. stream-id="stream1"');
  }
  if (CONTROL_OR_INVISIBLE.test(value)) {
    throw inputError('stream-id', `${show(value)} contains a control or invisible character`);
  }
  // "." and ".." would be resolved away as dot segments by the URL API.
  if (value === '.' || value === '..') throw inputError('stream-id', `${show(value)} is not a valid stream id`);
  encodeSegment('stream-id', value);
  return value;
}

/**
 * Parses `play-order`: a comma-separated list of `hls` and `ll-hls` (trimmed, case-insensitive,
 * duplicates dropped keeping the first). Omitted or empty -> `['hls']`.
 * @throws PlayerError `invalid-input` with attribute `play-order`, naming the bad entry
 */
export function parsePlayOrder(playOrder: string | null | undefined): PlayOrderEntry[] {
  if (playOrder === null || playOrder === undefined || playOrder.trim() === '') return [...DEFAULT_PLAY_ORDER];
  const result: PlayOrderEntry[] = [];
  for (const raw of playOrder.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') {
      throw inputError('play-order', `${show(playOrder)} has an empty entry; separate entries with single commas, e.g. "ll-hls,hls"`);
    }
    if (entry !== 'hls' && entry !== 'll-hls') {
      throw inputError('play-order', `${show(raw.trim())} is not supported; use "hls", "ll-hls" or both, e.g. "ll-hls,hls"`);
    }
    if (!result.includes(entry)) result.push(entry);
  }
  return result;
}

/** The non-empty auth values as AMS query parameter pairs, in a fixed order. */
function authPairs(auth: AuthParams): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name of ['token', 'subscriberId', 'subscriberCode'] as const) {
    const value = trimAsciiWhitespace(auth[name] ?? '');
    if (value !== '') pairs.push([name, value]);
  }
  return pairs;
}

/** The decoded name of a `name=value` query part, or undefined if it is not decodable. */
function queryPartName(part: string): string | undefined {
  const eq = part.indexOf('=');
  try {
    return decodeURIComponent((eq >= 0 ? part.slice(0, eq) : part).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Sets the pairs on a query string (without "?"): the first existing occurrence of a name is
 * replaced in place, later ones are dropped, new names are appended. Other parts are kept byte for
 * byte (re-serializing them could alter signed-URL parameters such as CloudFront's `Signature`).
 */
function mergeQuery(query: string, pairs: [string, string][]): string {
  const wanted = new Map(pairs);
  const placed = new Set<string>();
  const out: string[] = [];
  const encode = (name: string) => new URLSearchParams([[name, wanted.get(name) ?? '']]).toString();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const name = queryPartName(part);
    if (name !== undefined && wanted.has(name)) {
      if (!placed.has(name)) out.push(encode(name));
      placed.add(name);
    } else {
      out.push(part);
    }
  }
  for (const [name] of pairs) if (!placed.has(name)) out.push(encode(name));
  return out.join('&');
}

/**
 * Adds the non-empty auth values as `token`, `subscriberId`, `subscriberCode` query parameters.
 * Keeps the URL's other parameters (`_HLS_msn`, `_HLS_part`, ...) and fragment, replaces rather
 * than duplicates a parameter, and returns the input unchanged when there is nothing to add.
 * Works on absolute http(s) URLs and on relative URLs; other schemes (`data:`, `blob:`) are
 * returned unchanged so secrets never leave for them.
 */
export function withAuthParams(url: string, auth: AuthParams): string {
  const pairs = authPairs(auth);
  if (pairs.length === 0) return url;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed) {
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url;
    parsed.search = mergeQuery(parsed.search.slice(1), pairs);
    return parsed.href;
  }
  // Relative URL: split off fragment and query by hand, keep the path as given.
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  return `${path}?${mergeQuery(query, pairs)}${hash}`;
}

/** Builds `{origin}/{segments...}` with the URL API; segments must already be encoded. */
function buildUrl(origin: string, segments: string[], auth: AuthParams): string {
  const url = new URL(origin);
  url.pathname = `/${segments.join('/')}`;
  return withAuthParams(url.href, auth);
}

/**
 * Validates all inputs (in the order domain, app, stream-id, play-order; throws the first
 * `PlayerError`) and returns the playlist URLs to probe, in play order, with auth applied.
 */
export function streamCandidates(inputs: StreamInputs, page: PageLocation): StreamCandidate[] {
  const origin = resolveOrigin(inputs.domain, page);
  const app = parseAppPath(inputs.app);
  const id = encodeSegment('stream-id', validateStreamId(inputs.streamId));
  const order = parsePlayOrder(inputs.playOrder);
  // The inputs carry the auth values; only those three are read from them.
  const auth: AuthParams = inputs;
  const candidates: StreamCandidate[] = [];
  for (const playOrder of order) {
    if (playOrder === 'hls') {
      candidates.push(
        { playOrder, variant: 'adaptive', url: buildUrl(origin, [...app, 'streams', `${id}_adaptive.m3u8`], auth) },
        { playOrder, variant: 'plain', url: buildUrl(origin, [...app, 'streams', `${id}.m3u8`], auth) },
      );
    } else {
      candidates.push({
        playOrder,
        variant: 'll-hls',
        url: buildUrl(origin, [...app, 'streams', 'll-hls', id, `${id}__master.m3u8`], auth),
      });
    }
  }
  return candidates;
}
