// Playback of a real encoder's output: ffmpeg encodes in real time into HLS files the origin
// serves from their directory, so segment timing, sizes and timestamps are an encoder's, not the
// emulator's. Same players and figures as the other playback scenarios. Skipped without ffmpeg.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultEncoderShape, findFfmpeg, startEncoder } from '../encoder.mjs';
import { playerIds, sleep } from '../players.mjs';
import { freshStreamId, realEncoderKind } from '../streams.mjs';
import { measurePlayback } from './playback.mjs';

/** hls.js starts 3 segments from the live edge: wait until every playlist lists that many. */
const segmentsBeforeStart = 3;
/** Beyond the segments' own time: ffmpeg's start. */
const startTimeoutMs = 20_000;
const missingReason = 'ffmpeg is not on PATH';

/**
 * ffmpeg encoding one stream per player, served by the origin from its directory, once every
 * playlist lists segmentsBeforeStart segments; null (and a log line) without ffmpeg.
 * @param {{ log: (message: string) => void, ffmpegSearchPath?: string, control?: object }} context
 * @param {{ segmentSeconds: number, gopFrames: number }} [shape] bench/encoder.mjs
 */
export async function startEncoderStreams(context, shape = defaultEncoderShape) {
  const ffmpegPath = await findFfmpeg(context.ffmpegSearchPath);
  if (!ffmpegPath) {
    context.log(`real-encoder: skipped: ${missingReason}`);
    return null;
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'ams-bench-encoder-'));
  const streams = Object.fromEntries(playerIds.map((player) => [player, freshStreamId()]));
  const ids = Object.values(streams);
  context.log(`real-encoder: ${ffmpegPath} encoding into ${directory}`);
  const encoder = startEncoder({ ffmpegPath, directory, streamIds: ids, shape });
  // Segments last a GOP at least: three of them take that long to appear.
  const segmentsDueMs = segmentsBeforeStart * Math.max(shape.segmentSeconds, shape.gopFrames / 30) * 1000 + startTimeoutMs;
  const close = async () => {
    await encoder.stop();
    for (const id of ids) context.control.deleteStream(id);
    await rm(directory, { recursive: true, force: true });
  };
  try {
    for (const id of ids) context.control.putStream({ id, directory });
    const startedAt = Date.now();
    while (!ids.every((id) => encoder.publishedBetween(id, 0, Date.now()) >= segmentsBeforeStart)) {
      const failure = encoder.failure();
      if (failure) throw new Error(failure);
      if (Date.now() - startedAt > segmentsDueMs) throw new Error(`ffmpeg wrote no ${segmentsBeforeStart} segments in ${segmentsDueMs / 1000} s`);
      await sleep(250);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { streams, publishedBetween: encoder.publishedBetween, failure: encoder.failure, close };
}

export async function runRealEncoder(context) {
  const encoded = await startEncoderStreams(context);
  if (!encoded) return { skipped: missingReason };
  try {
    const result = await measurePlayback(context, { kindName: 'real-encoder', kind: realEncoderKind, streams: encoded.streams, publishedBetween: encoded.publishedBetween });
    const failure = encoded.failure();
    if (failure) throw new Error(failure);
    return result;
  } finally {
    await encoded.close();
  }
}
