// A started origin on a fake clock, with fetch helpers for its stream URLs; closed after `run`.
import assert from 'node:assert/strict';
import { startOrigin } from '../origin.mjs';
import { parsePlaylist } from '../streams/playlist-parser.mjs';

export const startTime = Date.parse('2030-01-01T00:00:00.000Z');

export async function withOrigin(options, run) {
  const clock = { time: startTime };
  const origin = await startOrigin({ ...options, now: () => clock.time });
  const get = async (path, init) => {
    const response = await fetch(`${origin.url}/live/streams/${path}`, init);
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body, text: body.toString('utf8') };
  };
  const playlist = async (path) => {
    const response = await get(path);
    assert.equal(response.status, 200, `${path} -> ${response.status}`);
    return parsePlaylist(response.text);
  };
  const advance = (seconds) => {
    clock.time += Math.round(seconds * 1000);
  };
  try {
    await run({ origin, clock, get, playlist, advance });
  } finally {
    await origin.close();
  }
}
