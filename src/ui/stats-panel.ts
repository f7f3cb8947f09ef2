import { html } from 'lit';
import type Hls from 'hls.js';
import { bufferAhead, formatBitrate, formatSeconds, renditionLabel } from './format.js';

export interface StatsOptions {
  video: HTMLVideoElement;
  hls: Hls | null;
  latency: number | null;
  stalls: number;
}

const unknown = '–';

/** The `stats` panel: what a broadcaster checks first when viewers say the stream lags or stutters. */
export function statsPanel({ video, hls, latency, stalls }: StatsOptions) {
  const level = hls ? hls.levels[hls.currentLevel] : undefined;
  const quality = video.getVideoPlaybackQuality?.();
  const target = hls?.targetLatency ?? null;
  const rows: [string, string, string][] = [
    ['latency', 'Latency', latency === null ? unknown : formatSeconds(latency)],
    ['target', 'Target', target === null ? unknown : formatSeconds(target)],
    ['buffer', 'Buffer', formatSeconds(bufferAhead(video.buffered, video.currentTime))],
    ['bitrate', 'Bitrate', level?.bitrate ? formatBitrate(level.bitrate) : unknown],
    ['rendition', 'Rendition', level ? `${renditionLabel(level)}${level.width ? ` (${level.width}×${level.height})` : ''}` : unknown],
    ['dropped', 'Dropped frames', quality ? `${quality.droppedVideoFrames} / ${quality.totalVideoFrames}` : unknown],
    ['stalls', 'Stalls', String(stalls)],
  ];
  return html`<dl part="stats">
    ${rows.map(
      ([key, label, value]) => html`<div data-stat=${key}><dt><slot name=${`stats-${key}-label`}>${label}</slot></dt><dd>${value}</dd></div>`,
    )}
  </dl>`;
}
