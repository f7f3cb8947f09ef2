// A failed wait says who was stuck: each mounted player's statuses, its video's events, hls.js's
// events and, every second, the video's state (readyState, networkState, clock, buffered and seekable ranges).
// The sampler is a page timer too: a gap between samples shows the page's own timers stood still.

import type { AmsCdnPlayer } from '../../src/index.js';

interface TraceEntry {
  at: number;
  text: string;
}

const videoEvents = ['loadstart', 'loadedmetadata', 'loadeddata', 'canplay', 'canplaythrough', 'play', 'playing', 'pause', 'waiting', 'stalled', 'seeking', 'seeked', 'ended', 'emptied', 'error', 'abort', 'volumechange'];
const hlsEvents: Record<string, (data: Record<string, unknown>) => string> = {
  hlsMediaAttached: () => 'media attached',
  hlsMediaDetached: () => 'media detached',
  hlsManifestParsed: (data) => `manifest parsed, ${(data.levels as unknown[] | undefined)?.length ?? '?'} levels`,
  hlsLevelLoaded: (data) => {
    const details = data.details as { live?: boolean; endSN?: number; fragments?: unknown[] } | undefined;
    return `level loaded, live ${details?.live}, last segment ${details?.endSN}`;
  },
  hlsFragBuffered: (data) => `segment ${(data.frag as { sn?: number } | undefined)?.sn} buffered`,
  hlsBufferEos: () => 'buffer end of stream',
  hlsBufferFlushed: () => 'buffer flushed',
  hlsError: (data) => `error ${data.type}/${data.details}${data.fatal ? ' (fatal)' : ''}`,
  hlsDestroying: () => 'destroying',
};
/** Kept per player: a 30 s wait with a sample a second and a few events a segment fits. */
const maxEntries = 160;
const samplePeriodMs = 1000;
/** Samples further apart than this mean the page's timers did not run meanwhile. */
const timerGapMs = 2500;

function ranges(buffered: TimeRanges): string {
  const parts: string[] = [];
  for (let index = 0; index < buffered.length; index++) parts.push(`${buffered.start(index).toFixed(2)}-${buffered.end(index).toFixed(2)}`);
  return parts.length > 0 ? parts.join(',') : 'none';
}

/** Every trace being written: a test's own steps (its waits) go into each. */
const activeTraces = new Set<(text: string) => void>();

/** Adds a line about the test itself (a wait that starts, ends or fails) to every active trace. */
export function noteInTraces(text: string): void {
  for (const add of activeTraces) add(`test: ${text}`);
}

/** Starts tracing one player; `text()` is its timeline so far (or its last lines), `stop()` ends the trace. */
export function tracePlayer(player: AmsCdnPlayer): { text(lastLines?: number): string; stop(): void } {
  const startedAt = performance.now();
  const entries: TraceEntry[] = [];
  const add = (text: string): void => {
    entries.push({ at: performance.now() - startedAt, text });
    if (entries.length > maxEntries) entries.splice(0, entries.length - maxEntries);
  };
  const controller = new AbortController();
  const { signal } = controller;
  activeTraces.add(add);
  player.addEventListener('status-change', (event) => add(`status ${event.detail.status}`), { signal });
  player.addEventListener('player-error', (event) => add(`player-error ${event.detail.code}: ${event.detail.message}`), { signal });

  let tracedVideo: HTMLVideoElement | null = null;
  let tracedHls: AmsCdnPlayer['hls'] = null;
  let lastSampleAt = performance.now();
  const sample = (): void => {
    const now = performance.now();
    if (now - lastSampleAt > timerGapMs) add(`page timers did not run for ${((now - lastSampleAt) / 1000).toFixed(1)} s`);
    lastSampleAt = now;
    const video = player.video;
    if (video && video !== tracedVideo) {
      tracedVideo = video;
      // A seek's events carry where the clock is (the target, while seeking) and what can be sought.
      const detail = (type: string): string => (type === 'seeking' || type === 'seeked' ? ` at ${video.currentTime.toFixed(2)}, seekable ${ranges(video.seekable)}` : '');
      for (const type of videoEvents) video.addEventListener(type, () => add(`video ${type}${detail(type)}`), { signal });
    }
    const hls = player.hls;
    if (hls && hls !== tracedHls) {
      tracedHls = hls;
      add('new hls.js instance');
      const on = hls.on.bind(hls) as (name: string, listener: (name: string, data: Record<string, unknown>) => void) => void;
      for (const [name, describe] of Object.entries(hlsEvents)) on(name, (_name, data) => add(`hls ${describe(data ?? {})}`));
    }
    if (video) {
      add(`sample: ready ${video.readyState}, network ${video.networkState}, time ${video.currentTime.toFixed(2)}, paused ${video.paused}, buffered ${ranges(video.buffered)}, seekable ${ranges(video.seekable)}, frames ${video.getVideoPlaybackQuality?.().totalVideoFrames ?? '?'}, player ${player.status}${player.hls ? '' : ', no hls.js'}`);
    }
  };
  const timer = setInterval(sample, samplePeriodMs);
  // The viewer's side: keys and pointers, as a test sends them.
  for (const type of ['keydown', 'pointerdown']) {
    window.addEventListener(type, (event) => add(`${type}${event instanceof KeyboardEvent ? ` ${JSON.stringify(event.key)}` : ''}${event.isTrusted ? '' : ' (untrusted)'}`), { signal, capture: true });
  }
  sample();
  // The video exists once the element has rendered: trace its events from the start.
  void player.updateComplete.then(() => {
    if (!signal.aborted) sample();
  });
  return {
    text: (lastLines = maxEntries) => {
      const lines = entries.slice(-lastLines).map(({ at, text }) => `${(at / 1000).toFixed(2).padStart(7)} s  ${text}`);
      // A report written right after the page's timers stood still comes before the sampler notices.
      const sinceSample = performance.now() - lastSampleAt;
      if (sinceSample > timerGapMs) lines.push(`(the page's timers have not run for ${(sinceSample / 1000).toFixed(1)} s)`);
      return lines.join('\n');
    },
    stop: () => {
      activeTraces.delete(add);
      clearInterval(timer);
      controller.abort();
    },
  };
}
