// What a scenario needs to open players on fresh streams.
import { openPlayer } from '../browser.mjs';
import { freshStreamId, streamUrl } from '../streams.mjs';

/** The options bench-page.mjs's benchAttach() takes for one player on one stream. */
export function attachOptions(context, { streamId, backupStreamId = null, token = null, playOrder, firstFrameTimeoutMs = 30_000, sample = true }) {
  return {
    domain: context.edgeUrl,
    streamId,
    backupStreamId,
    token,
    playOrder,
    errorTtl: context.errorTtl,
    url: streamUrl(context.edgeUrl, streamId, playOrder),
    firstFrameTimeoutMs,
    sample,
  };
}

export function openOn(context, player, stream, { waitForFirstFrame = true, ...rest } = {}) {
  return openPlayer(context.browser, {
    edgeUrl: context.edgeUrl,
    player,
    attach: attachOptions(context, { ...stream, ...rest }),
    waitForFirstFrame,
  });
}

/** One stream per player (same definition, created together), so request logs and edge caches stay apart. */
export function streamsPerPlayer(context, playerIds, definition) {
  const streams = {};
  for (const player of playerIds) {
    const id = freshStreamId();
    context.control.putStream({ ...definition, id });
    streams[player] = id;
  }
  return streams;
}

/** A fatal error in a line: hls.js's details and the first line of its reason (no playlist dumps). */
export function briefError(error) {
  const reason = error.reason ? `: ${String(error.reason).split('\n', 1)[0].slice(0, 160)}` : '';
  return `${error.details}${reason}`;
}

/** Changes the edge emulator's settings (its `/__edge/config` route): a function on requests, playlist TTLs. */
export async function configureEdge(context, settings) {
  const response = await fetch(`${context.edgeUrl}/__edge/config`, { method: 'POST', body: JSON.stringify(settings) });
  if (!response.ok) throw new Error(`edge config: HTTP ${response.status}`);
}
