import { credentialedUrl, noCredentials, sendsCookies, type RequestCredentials } from '../urls/request-credentials.js';

/**
 * A playlist the probe downloaded, kept so hls.js need not download it again: with its timings, so
 * hls.js can tell how old it is.
 */
export interface ProbedPlaylist {
  /** The URL requested, with the viewer's credentials where they go (credentialedUrl), as hls.js will request it. */
  url: string;
  /** The URL that answered (after redirects): the base of the playlist's relative URIs. */
  responseUrl: string;
  text: string;
  /** performance.now() when the request went out, when its headers came, when its body was read. */
  requestStart: number;
  firstByte: number;
  end: number;
  /** The CDN's Age header, in seconds, when it sent one. */
  ageSeconds: number | null;
}

/** What one look at a stream URL found. */
export type ProbeResult =
  /** `playlists`: what the look downloaded, the master (if any) first. */
  | { outcome: 'available'; playlists: readonly ProbedPlaylist[]; ageSeconds?: undefined }
  /**
   * 'ended': the broadcast is over (the playlist carries EXT-X-ENDLIST). 'unreachable': no answer
   * within 8 s, no response at all, or another HTTP error (5xx, 429, ...). Neither has a cached 404's Age.
   */
  | { outcome: 'ended' | 'unreachable'; ageSeconds?: undefined }
  /**
   * With credentials the browser refused the answer, and without it reads it: the CDN answers
   * cross-origin requests with a wildcard origin or without allowing credentials.
   */
  | { outcome: 'credentials-refused'; ageSeconds?: undefined }
  /**
   * The CDN's edge function refused the token (cloudfront/verify-stream-token.js answers 403 with
   * `X-Stream-Token-Error`): final, unlike a bare 403, which may be a stream not there yet.
   */
  | { outcome: 'token-refused'; reason: string; ageSeconds?: undefined }
  /** `ageSeconds`: how long the CDN has cached this 404 (or 403, 410), when it says (CloudFront's `Age`). */
  | { outcome: 'not-found'; ageSeconds: number | null };

export interface ProbeOptions {
  /** The stream's credentials: on the master and the variant (which the master names without them), where they go. */
  credentials?: RequestCredentials;
  signal?: AbortSignal;
  /** Injected in tests; the global `fetch` otherwise. */
  fetch?: typeof globalThis.fetch;
  /**
   * Called as soon as a playlist arrives that does not end the broadcast, before the probe is
   * done, with its text: the stream is (almost surely) there, so the player may start loading what
   * it needs (which hls.js build depends on the master playlist).
   */
  onPlaylist?(text: string): void;
}

/**
 * The first variant's URI in a master playlist: the first line after an EXT-X-STREAM-INF tag that
 * is neither blank nor a tag or comment. (The URL parser trims the spaces this leaves on it.)
 */
const firstVariant = /#EXT-X-STREAM-INF.*\s+(?:#.*\s+)*([^#\s].*)/;

/**
 * Looks at a stream URL the way a player would: a 404 means "not yet" (with the CDN's Age), a
 * playlist ending in EXT-X-ENDLIST means "over", a master playlist is judged by its first variant.
 * A recording (any URL but a playlist's) is asked with HEAD: its body is the whole file.
 * Throws only when `signal` aborts.
 */
export async function probeStream(streamUrl: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const { signal, fetch: fetcher = fetch, credentials: streamCredentials = noCredentials } = options;
  let url = credentialedUrl(streamUrl, streamCredentials);
  const playlists: ProbedPlaylist[] = [];
  /** Whether the failure, if any, was a request's (and not making the next URL). */
  let requesting = false;
  try {
    for (;;) {
      const timeout = AbortSignal.timeout(8000);
      const requestStart = performance.now();
      // no-store: the browser's cache must not answer for the CDN, whose cache is what we time against.
      const credentials = sendsCookies(url, streamCredentials) ? 'include' : 'same-origin';
      requesting = true;
      const method = isPlaylist(url) ? 'GET' : 'HEAD';
      const response = await fetcher(url, { method, cache: 'no-store', credentials, signal: AbortSignal.any([timeout, signal ?? timeout]) });
      requesting = false;
      const firstByte = performance.now();
      // Age comes from outside: anything but a whole number >= 0 counts as unknown.
      const age = parseInt(response.headers.get('Age') ?? '');
      const ageSeconds = age >= 0 ? age : null;
      const tokenError = response.status === 403 ? response.headers.get('X-Stream-Token-Error') : null;
      // The reason is the CDN's text: kept short, and shown only as text.
      if (tokenError) return { outcome: 'token-refused', reason: tokenError.slice(0, 120) };
      if (!response.ok) {
        // 403 and 410 are waited out like a 404 (a stream not there yet), other errors backed off.
        // The error body, a few hundred bytes the network stack has already read, is left unread.
        return [403, 404, 410].includes(response.status) ? { outcome: 'not-found', ageSeconds } : { outcome: 'unreachable' };
      }
      if (method === 'HEAD') return { outcome: 'available', playlists: [] };
      const text = await response.text();
      if (text.includes('#EXT-X-ENDLIST')) return { outcome: 'ended' };
      const responseUrl = response.url || url;
      const first = !playlists.length;
      playlists.push({ url, responseUrl, text, requestStart, firstByte, end: performance.now(), ageSeconds });
      // The first playlist (master, or the only one) arrived and the broadcast runs.
      if (first) options.onPlaylist?.(text);
      const variant = first && firstVariant.exec(text)?.[1];
      if (!variant) return { outcome: 'available', playlists };
      url = credentialedUrl(new URL(variant, responseUrl).href, streamCredentials);
    }
  } catch (error) {
    // The caller's reason: WebKit's fetch rejects with an AbortError of its own instead.
    if (signal?.aborted) throw signal.reason;
    if (requesting && sendsCookies(url, streamCredentials) && (await answersWithoutCredentials(url, options))) return { outcome: 'credentials-refused' };
    // Offline, CORS, DNS, the 8 s timeout, or a variant URI no URL can be made of.
    return { outcome: 'unreachable' };
  }
}

const isPlaylist = (url: string): boolean => new URL(url).pathname.endsWith('.m3u8');

/**
 * Whether `url` answers a request without credentials: after a credentialed request failed, that
 * tells a CDN whose CORS refuses credentials (a page cannot read why a request failed) from an outage.
 */
async function answersWithoutCredentials(url: string, { signal, fetch: fetcher = fetch }: ProbeOptions): Promise<boolean> {
  try {
    const timeout = AbortSignal.timeout(8000);
    await fetcher(url, { method: 'HEAD', cache: 'no-store', credentials: 'omit', signal: AbortSignal.any([timeout, signal ?? timeout]) });
    return true;
  } catch {
    return false;
  }
}
