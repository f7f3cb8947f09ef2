// A real encoder for the benchmark: Debian's ffmpeg encodes a test pattern and a tone in real time
// into HLS as AMS's muxer does (2 s GOP, 2 s segments, {id}NNNNNNNNN.ts; other shapes for the
// benchmark's matrix), one encode written out
// once per stream id (tee muxer), so each player has its own URLs and edge cache entries.
import { spawn } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The ffmpeg executable on searchPath (PATH syntax), or null. */
export async function findFfmpeg(searchPath = process.env.PATH ?? '') {
  for (const directory of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(directory, 'ffmpeg');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * The encoder's shape: hls_time, and a keyframe every gopFrames (30 fps). ffmpeg cuts a segment at
 * the first keyframe after hls_time, so a GOP longer than hls_time makes the segments a GOP long.
 */
export const defaultEncoderShape = { segmentSeconds: 2, gopFrames: 60 };

/** ffmpeg's arguments: one encode, one HLS muxer per stream id, all into directory. */
export function encoderArguments(directory, streamIds, { segmentSeconds, gopFrames } = defaultEncoderShape) {
  const hlsOutput = (id) => `[f=hls:hls_time=${segmentSeconds}:hls_list_size=15:hls_flags=delete_segments+program_date_time+temp_file:hls_segment_filename=${path.join(directory, `${id}%09d.ts`)}]${path.join(directory, `${id}.m3u8`)}`;
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
    '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-b:v', '800k',
    '-g', String(gopFrames), '-keyint_min', String(gopFrames), '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '96k',
    '-f', 'tee', streamIds.map(hlsOutput).join('|'),
  ];
}

/** The last media sequence number a playlist text lists, or null. */
export function lastMediaSequence(text) {
  const first = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text);
  if (!first) return null;
  const segments = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
  return segments === 0 ? null : Number(first[1]) + segments - 1;
}

/**
 * Starts ffmpeg and, every 500 ms, notes each playlist's last media sequence number, so the
 * segments published in any span can be counted from what ffmpeg wrote.
 * @returns {{ publishedBetween(id: string, from: number, to: number): number | null, stop(): Promise<void>, failure(): string | null }}
 */
export function startEncoder({ ffmpegPath, directory, streamIds, shape = defaultEncoderShape }) {
  const child = spawn(ffmpegPath, encoderArguments(directory, streamIds, shape), { stdio: ['ignore', 'ignore', 'pipe'] });
  let errorText = '';
  child.stderr.on('data', (chunk) => { errorText = (errorText + chunk).slice(-2000); });
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  // If the bench itself dies, ffmpeg must not keep encoding.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const samples = Object.fromEntries(streamIds.map((id) => [id, []]));
  const timer = setInterval(async () => {
    for (const id of streamIds) {
      const sequence = lastMediaSequence(await readFile(path.join(directory, `${id}.m3u8`), 'utf8').catch(() => ''));
      if (sequence !== null) samples[id].push([Date.now(), sequence]);
    }
  }, 500);

  const sequenceAt = (id, time) => samples[id].filter(([wall]) => wall <= time).at(-1)?.[1] ?? -1;
  return {
    publishedBetween: (id, from, to) => (samples[id].length === 0 ? null : sequenceAt(id, to) - sequenceAt(id, from)),
    failure: () => (exited ? `ffmpeg exited: ${errorText.trim() || `code ${child.exitCode}`}` : null),
    async stop() {
      clearInterval(timer);
      process.off('exit', killOnExit);
      if (exited) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exitedPromise;
      clearTimeout(forced);
    },
  };
}
