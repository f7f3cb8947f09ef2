// The three players every scenario runs side by side; ratios are against raw hls.js.

export const players = [
  { id: 'element', label: 'ams-cdn-player' },
  { id: 'hlsjs', label: 'hls.js default' },
  { id: 'hlsjs-config', label: 'hls.js + element config' },
];

export const baselinePlayer = 'hlsjs';

export const playerIds = players.map((player) => player.id);

/** The players in a different order each round, so none always goes first. */
export function rotated(list, round) {
  const shift = round % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

export const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));
