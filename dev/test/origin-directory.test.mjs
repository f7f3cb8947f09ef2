// A stream served from an encoder's output directory: files appear as the encoder writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startOrigin } from '../origin.mjs';
import { startEmulator } from '../emulator.mjs';

const playlistText = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2.000000,\nenc000000000.ts\n';

async function withDirectory(run) {
  const directory = await mkdtemp(join(tmpdir(), 'origin-directory-'));
  try {
    await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

test('a directory stream serves the encoder\'s playlist and segments, 404 until each file exists', async () => {
  await withDirectory(async (directory) => {
    const origin = await startOrigin({ streams: [{ id: 'enc', directory }] });
    const get = (file) => fetch(`${origin.url}/live/streams/${file}`);
    try {
      assert.equal((await get('enc.m3u8')).status, 404, 'nothing written yet');
      await writeFile(join(directory, 'enc.m3u8'), playlistText);
      await writeFile(join(directory, 'enc000000000.ts'), Buffer.from([0x47, 1, 2, 3]));
      const playlist = await get('enc.m3u8');
      assert.equal(playlist.status, 200);
      assert.equal(playlist.headers.get('cache-control'), 'max-age=0');
      assert.equal(playlist.headers.get('content-type'), 'application/vnd.apple.mpegurl');
      assert.equal(await playlist.text(), playlistText);
      const segment = await get('enc000000000.ts');
      assert.equal(segment.status, 200);
      assert.equal(segment.headers.get('cache-control'), 'max-age=10');
      assert.deepEqual(Buffer.from(await segment.arrayBuffer()), Buffer.from([0x47, 1, 2, 3]));
      assert.equal((await get('enc000000001.ts')).status, 404, 'not written yet');
      assert.equal((await get('ll-hls/enc/enc__master.m3u8')).status, 404, 'no LL-HLS from a directory');
      assert.equal((await get('enc_360p500kbps.m3u8')).status, 404, 'no renditions');
      assert.equal(origin.control.getStream('enc').lastMediaSequence, null, 'no fixture timeline reported');
      assert.equal(origin.control.publishedMedia('enc'), null);
    } finally {
      await origin.close();
    }
  });
});

test('through the edge, a directory stream\'s 404 is cached for the error TTL like any other', async () => {
  await withDirectory(async (directory) => {
    const emulator = await startEmulator({ errorTtl: 0.4, streams: [{ id: 'enc', directory }] });
    const get = (file) => fetch(`${emulator.edgeUrl}/streams/${file}`);
    try {
      assert.equal((await get('enc.m3u8')).status, 404);
      await writeFile(join(directory, 'enc.m3u8'), playlistText);
      const cached = await get('enc.m3u8');
      assert.equal(cached.status, 404);
      assert.equal(cached.headers.get('x-cache'), 'Error from cloudfront');
      await sleep(500);
      assert.equal((await get('enc.m3u8')).status, 200);
    } finally {
      await emulator.close();
    }
  });
});

test('over HTTP a directory stream is refused: only code in the origin\'s process says which folder it serves', async () => {
  await withDirectory(async (directory) => {
    const origin = await startOrigin();
    try {
      const response = await fetch(`${origin.url}/control/streams/enc`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ directory }) });
      assert.equal(response.status, 403);
      assert.equal(origin.control.getStream('enc'), null);
    } finally {
      await origin.close();
    }
  });
});
