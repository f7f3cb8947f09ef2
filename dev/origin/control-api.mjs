// The origin's control API: stream states and operations as functions (`control.*`), and the same
// over HTTP under /control/ (JSON).
import { RequestError } from '../streams/registry.mjs';
import { layout } from '../streams/timeline.mjs';
import { feedFor } from '../streams/media-routes.mjs';

const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * @param {{ registry: ReturnType<typeof import('../streams/registry.mjs').createRegistry>,
 *   faults: ReturnType<typeof import('../streams/faults.mjs').createFaults>,
 *   log: object[], sets: object, app: string, now: () => number }} dependencies
 */
export function createControl({ registry, faults, log, sets, app, now }) {
  function streamState(id) {
    const stream = registry.streams.get(id);
    if (!stream) return null;
    const time = now();
    const broadcast = registry.currentBroadcast(id);
    const phase = registry.phase(id);
    const upcoming = stream.broadcasts.at(-1).startAt > time ? stream.broadcasts.at(-1) : null;
    let media = null;
    // A directory stream's segments are whatever its encoder wrote: no timeline to report.
    if (broadcast && phase !== 'gone' && !stream.definition.directory) {
      const feed = feedFor(stream.definition, sets);
      const state = layout(broadcast, time, feed.shape);
      media = {
        firstMediaSequence: Math.max(0, state.segmentCount - feed.listSize),
        lastMediaSequence: state.segmentCount > 0 ? state.segmentCount - 1 : null,
        nextMediaSequence: state.inProgress ? state.inProgress.mediaSequence : null,
      };
    }
    const base = `/${app}/streams`;
    return {
      id, definition: stream.definition, phase, live: phase === 'live',
      startedAt: broadcast ? iso(broadcast.startAt) : null,
      stoppedAt: broadcast ? iso(broadcast.stopAt) : null,
      goneAt: broadcast?.stopAt != null ? iso(broadcast.stopAt + broadcast.goneAfterMs) : null,
      nextStartAt: upcoming ? iso(upcoming.startAt) : null,
      elapsedSeconds: broadcast && phase !== 'gone' ? (Math.min(time, broadcast.stopAt ?? Infinity) - broadcast.startAt) / 1000 : null,
      ...(media ?? { firstMediaSequence: null, lastMediaSequence: null, nextMediaSequence: null }),
      urls: {
        hls: `${base}/${id}.m3u8`,
        adaptive: stream.definition.adaptive ? `${base}/${id}_adaptive.m3u8` : null,
        llHls: `${base}/ll-hls/${id}/${id}__master.m3u8`,
      },
    };
  }

  /**
   * What the current broadcast has published by `time` (jitter included): HLS segments, and
   * LL-HLS segments and parts. null for unknown, not yet started or directory streams.
   */
  function publishedMedia(id, time = now()) {
    const stream = registry.streams.get(id);
    const broadcast = registry.currentBroadcast(id);
    if (!stream || !broadcast || stream.definition.directory) return null;
    const hls = layout(broadcast, time, feedFor(stream.definition, sets).shape);
    const lowLatency = layout(broadcast, time, feedFor(stream.definition, sets, { lowLatency: true }).shape);
    return { hlsSegments: hls.segmentCount, llHlsSegments: lowLatency.segmentCount, llHlsParts: lowLatency.units };
  }

  const requireState = (id) => {
    const state = streamState(id);
    if (!state) throw new RequestError(404, `no stream ${id}`);
    return state;
  };

  return {
    now,
    requireState,
    publishedMedia,
    listStreams: () => [...registry.streams.keys()].map(streamState),
    getStream: (id) => streamState(id),
    putStream: (definition) => streamState(registry.putStream(definition)),
    stopStream: (id, options = {}) => { registry.stopStream(id, options ?? {}); return requireState(id); },
    startStream: (id, options = {}) => { registry.startStream(id, options ?? {}); return requireState(id); },
    deleteStream: (id) => registry.deleteStream(id),
    addFault: (fault) => { const added = faults.add(fault); return { faultId: added.faultId, fault: added }; },
    removeFault: (faultId) => faults.remove(Number(faultId)),
    listFaults: () => faults.list(),
    clearFaults: () => faults.clear(),
    getLog: () => log.slice(),
    clearLog: () => { log.length = 0; },
  };
}

/** One /control/... request: the control function's result (sent as JSON), or a RequestError. */
export async function handleControl(control, request, path) {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent); // after /control/
  const method = request.method;
  const body = ['PUT', 'POST'].includes(method) ? await readJson(request) : undefined;
  const [collection, id, action] = segments;
  if (collection === 'streams') {
    if (!id && method === 'GET') return control.listStreams();
    if (id && !action) {
      if (method === 'GET') return control.requireState(id);
      if (method === 'PUT') {
        // A directory stream serves files from the origin's disk: only code in the same process
        // (control.putStream) may say which folder, never an HTTP caller, even on 127.0.0.1.
        if (body?.directory !== undefined) throw new RequestError(403, 'directory streams are created through control.putStream(), not over HTTP');
        return control.putStream({ ...body, id });
      }
      if (method === 'DELETE') {
        if (!control.deleteStream(id)) throw new RequestError(404, `no stream ${id}`);
        return { deleted: id };
      }
    }
    if (id && action === 'stop' && method === 'POST') return control.stopStream(id, body);
    if (id && action === 'start' && method === 'POST') return control.startStream(id, body);
  }
  if (collection === 'faults') {
    if (!id && method === 'POST') return control.addFault(body);
    if (!id && method === 'GET') return control.listFaults();
    if (!id && method === 'DELETE') { control.clearFaults(); return { cleared: true }; }
    if (id && method === 'DELETE') return { removed: control.removeFault(id) };
  }
  if (collection === 'log' && !id) {
    if (method === 'GET') return control.getLog();
    if (method === 'DELETE') { control.clearLog(); return { cleared: true }; }
  }
  if (collection === 'clock' && method === 'GET') return { now: control.now() };
  throw new RequestError(404, `no control route ${method} /control/${segments.join('/')}`);
}

async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'body is not JSON');
  }
}
