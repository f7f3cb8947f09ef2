import { withAuthParams, type AuthParams } from './stream-url.js';

/**
 * A playlist the probe downloaded, kept so hls.js need not download it again: with its timings, so
 * hls.js can tell how old it is.
 */
export interface ProbedPlaylist {
  /** The URL requested, with the viewer's auth parameters. */
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
  | { outcome: 'available'; playlists?: readonly ProbedPlaylist[] }
  /** The broadcast is over: the playlist carries EXT-X-ENDLIST. */
  | { outcome: 'ended' }
  /** `ageSeconds`: how long the CDN has cached this 404, when it says (CloudFront's `Age`). */
  | { outcome: 'not-found'; ageSeconds: number | null }
  | { outcome: 'failed'; httpStatus: number | null; timeout: boolean };

export interface ProbeOptions {
  /** Applied to the variant playlist too, which the master names without the viewer's token. */
  auth?: AuthParams;
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /**
   * Called as soon as a playlist arrives that does not end the broadcast, before the probe is
   * done: the stream is (almost surely) there, so the player may start loading what it needs.
   */
  onPlaylist?(): void;
}

/** A playlist whose first variant must be read to know whether the broadcast still runs. */
function firstVariantUrl(playlist: string, playlistUrl: string): string | null {
  if (!playlist.includes('#EXT-X-STREAM-INF')) return null;
  const lines = playlist.split(/\r?\n/);
  const index = lines.findIndex((line) => line.startsWith('#EXT-X-STREAM-INF'));
  const uri = lines.slice(index + 1).find((line) => line.trim() !== '' && !line.startsWith('#'));
  return uri ? new URL(uri.trim(), playlistUrl).href : null;
}

function ageOf(response: Response): number | null {
  const age = Number.parseInt(response.headers.get('Age') ?? '', 10);
  return Number.isFinite(age) && age >= 0 ? age : null;
}

async function fetchPlaylist(url: string, options: ProbeOptions): Promise<ProbeResult | { outcome: 'text'; playlist: ProbedPlaylist }> {
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? 8000);
  const signals = options.signal ? [options.signal, timeout.signal] : [timeout.signal];
  try {
    const requestStart = performance.now();
    // no-store: the browser's cache must not answer for the CDN, whose cache is what we time against.
    const response = await fetcher(url, { cache: 'no-store', signal: AbortSignal.any(signals) });
    const firstByte = performance.now();
    if (response.status === 404 || response.status === 403 || response.status === 410) {
      await response.body?.cancel();
      return { outcome: 'not-found', ageSeconds: ageOf(response) };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { outcome: 'failed', httpStatus: response.status, timeout: false };
    }
    const text = await response.text();
    const playlist = { url, responseUrl: response.url || url, text, requestStart, firstByte, end: performance.now(), ageSeconds: ageOf(response) };
    return { outcome: 'text', playlist };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { outcome: 'failed', httpStatus: null, timeout: timeout.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}

const ends = (playlist: ProbedPlaylist): boolean => playlist.text.includes('#EXT-X-ENDLIST');

/**
 * Looks at a stream URL the way a player would: a 404 means "not yet" (with the CDN's Age), a
 * playlist ending in EXT-X-ENDLIST means "over", a master playlist is judged by its first variant.
 * Throws only when `signal` aborts.
 */
export async function probeStream(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const result = await fetchPlaylist(url, options);
  if (result.outcome !== 'text') return result;
  const master = result.playlist;
  if (!ends(master)) options.onPlaylist?.();
  const variant = firstVariantUrl(master.text, master.responseUrl);
  if (variant === null) return ends(master) ? { outcome: 'ended' } : { outcome: 'available', playlists: [master] };
  const variantResult = await fetchPlaylist(withAuthParams(variant, options.auth ?? {}), options);
  if (variantResult.outcome !== 'text') return variantResult;
  const media = variantResult.playlist;
  return ends(media) ? { outcome: 'ended' } : { outcome: 'available', playlists: [master, media] };
}
