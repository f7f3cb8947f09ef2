// Helpers that drive the local AMS origin and CloudFront edge emulators from a test page.

declare global {
  interface Window {
    emulator: { edgeUrl: string; originUrl: string; securedEdge: { url: string; secret: string } };
  }
}

export const edgeUrl: string = window.emulator.edgeUrl;
/** A second edge in front of the same origin, running the shipped token check with this secret on the recipe's behaviors. */
export const securedEdge: { url: string; secret: string } = window.emulator.securedEdge;

export interface StreamDefinition {
  id: string;
  startIn?: number;
  stopAfter?: number | null;
  adaptive?: boolean;
  llHls?: 'ams' | 'apple' | 'none';
  goneAfter?: number;
  /** An ID3 tag every 2 s: text `unit N`, N as data (dev/streams/README.md). */
  timedMetadata?: boolean;
  /** Serve streams/{id}.mp4, the recording. */
  recording?: boolean;
  /** Segments the live playlist lists (AMS hlsListSize, default 15). */
  listSize?: number;
  audioRenditions?: boolean;
  subtitles?: boolean;
  closedCaptions?: boolean;
  /** Media playlists name their media as absolute URLs under this base (another host). */
  mediaBaseUrl?: string;
}

export interface EdgeLogEntry {
  time: number;
  method: string;
  path: string;
  query: string;
  status: number;
  cache: string;
  originRequest: boolean;
  /** The Cookie header the request carried. */
  cookie: string | null;
  /** How long the edge's viewer-request function ran on the request; null when none did. */
  functionMs: number | null;
}

export interface EdgeSettings {
  /** The viewer's origin echoed and credentials allowed, instead of a wildcard origin. */
  credentialedCors?: boolean;
  /** Stream id -> the cookie ("name=value") the edge requires for it (403 without). */
  requiredCookies?: Record<string, string>;
  /** Stream ids whose requests need valid CloudFront signed cookies (see signInForStreams). */
  signedCookieStreams?: string[];
  /**
   * The shipped token check (cloudfront/verify-stream-token.js) on streams/ and previews/, with this
   * KeyValueStore; null switches it off.
   */
  viewerRequest?: { keyValueStore: Record<string, string> } | null;
}

/** Changes how the edge answers, as a change of the distribution's policies would. */
export async function configureEdge(settings: EdgeSettings): Promise<void> {
  const response = await fetch(`${edgeUrl}/__edge/config`, { method: 'POST', body: JSON.stringify(settings) });
  if (!response.ok) throw new Error(`edge config: HTTP ${response.status}`);
}

/**
 * The edge under the test page's own host name (localhost, on the edge's port): a site of the page's
 * own, cross-origin, so its cookies go with credentialed requests even where third-party cookies do not.
 */
export const sameSiteEdgeUrl: string = (() => {
  const url = new URL(edgeUrl);
  url.hostname = window.location.hostname;
  return url.origin;
})();

/** Has the edge set a cookie ("name=value") for `sameSiteEdgeUrl`, as a sign-in page sets CloudFront's signed cookies. */
export async function setEdgeCookie(cookie: string): Promise<void> {
  const response = await fetch(`${sameSiteEdgeUrl}/__edge/cookie?cookie=${encodeURIComponent(cookie)}`, { method: 'POST', credentials: 'include' });
  if (!response.ok) throw new Error(`edge cookie: HTTP ${response.status}`);
}

/**
 * Has the edge set CloudFront signed cookies granting `resource` (a URL pattern, * and ?), as a
 * sign-in page would, for the edge's host as the page's own site names it (sameSiteEdgeUrl).
 */
export async function signInForStreams(resource: string): Promise<void> {
  const response = await fetch(`${sameSiteEdgeUrl}/__edge/signed-cookies?resource=${encodeURIComponent(resource)}`, { method: 'POST', credentials: 'include' });
  if (!response.ok) throw new Error(`edge signed cookies: HTTP ${response.status}`);
}

let streamCount = 0;

/** A stream id no other test uses, so no cached response from another test can answer for it. */
export function uniqueStreamId(prefix = 'test'): string {
  streamCount += 1;
  return `${prefix}${Date.now().toString(36)}${streamCount}`;
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${edgeUrl}/control/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Starts (or replaces) a simulated AMS broadcast. */
export function putStream(definition: StreamDefinition): Promise<unknown> {
  return control('PUT', `streams/${encodeURIComponent(definition.id)}`, definition);
}

export function deleteStream(id: string): Promise<unknown> {
  return control('DELETE', `streams/${encodeURIComponent(id)}`);
}

/** Every media request (not control calls) the edge (or `edge`) has seen whose path mentions `streamId`. */
export async function edgeRequestsFor(streamId: string, { edge = edgeUrl } = {}): Promise<EdgeLogEntry[]> {
  const response = await fetch(`${edge}/__edge/log`);
  const log = (await response.json()) as EdgeLogEntry[];
  return log.filter((entry) => entry.path.includes(streamId) && !entry.path.startsWith('/control/'));
}

/** Every request the origin itself has seen (through the edge or not) whose path mentions `streamId`. */
export async function originRequestsFor(streamId: string): Promise<{ path: string; query: Record<string, string> }[]> {
  const response = await fetch(`${edgeUrl}/control/log`);
  const log = (await response.json()) as { path: string; query: Record<string, string> }[];
  return log.filter((entry) => entry.path.includes(streamId));
}

/** Starts the stream again under the same id: a fresh broadcast, as AMS does on republish. */
export function restartStream(id: string, options: { startIn?: number } = {}): Promise<unknown> {
  return control('POST', `streams/${encodeURIComponent(id)}/start`, options);
}

/** Makes the origin answer `status` to every request for `id` for `seconds`. */
export function failOrigin(id: string, status: number, seconds: number): Promise<unknown> {
  return addFault({ kind: 'status', id, status, seconds });
}

export interface Fault {
  kind: 'status' | 'slow' | 'missing' | 'corrupt';
  id: string;
  status?: number;
  resource?: 'any' | 'playlist' | 'segment' | 'part';
  seconds?: number;
  delayMs?: number;
  mediaSequence?: number | 'next';
  part?: number | 'next';
}

/** Adds an origin fault (see dev/streams/README.md) and returns it with 'next' resolved to numbers. */
export async function addFault(fault: Fault): Promise<ResolvedFault> {
  const { fault: resolved } = (await control('POST', 'faults', fault)) as { fault: ResolvedFault };
  return resolved;
}

export type ResolvedFault = Omit<Fault, 'mediaSequence' | 'part'> & { mediaSequence: number; part?: number };
