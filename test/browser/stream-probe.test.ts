// probeStream against the local CloudFront edge and AMS origin emulators: real HTTP, real caching
// of 404s with Age, real playlists.
import { expect } from '@open-wc/testing';
import { addFault, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { probeStream, type ProbeResult } from '../../src/cdn/stream-probe.js';

const hlsUrl = (id: string) => `${edgeUrl}/streams/${id}.m3u8`;
const adaptiveUrl = (id: string) => `${edgeUrl}/streams/${id}_adaptive.m3u8`;
const llHlsUrl = (id: string) => `${edgeUrl}/streams/ll-hls/${id}/${id}__master.m3u8`;

function playlistsOf(result: ProbeResult) {
  if (result.outcome !== 'available') throw new Error(`expected available, got ${JSON.stringify(result)}`);
  return result.playlists;
}

describe('probeStream against the emulators', () => {
  it('finds a live HLS stream: one playlist, with its timings, announced once', async () => {
    const id = uniqueStreamId('probehls');
    await putStream({ id, startIn: -20 });
    let announced = 0;
    const result = await probeStream(hlsUrl(id), { onPlaylist: () => (announced += 1) });
    const [playlist, ...more] = playlistsOf(result);
    expect(more).to.deep.equal([]);
    expect(announced).to.equal(1);
    expect(playlist!.url).to.equal(hlsUrl(id));
    expect(playlist!.responseUrl).to.equal(hlsUrl(id));
    expect(playlist!.text).to.match(/^#EXTM3U/).and.include('#EXTINF').and.not.include('#EXT-X-ENDLIST');
    expect(playlist!.requestStart).to.be.at.most(playlist!.firstByte);
    expect(playlist!.firstByte).to.be.at.most(playlist!.end);
  });

  it('reads an ABR master and its first variant, carrying the token to the variant', async () => {
    const id = uniqueStreamId('probeabr');
    await putStream({ id, startIn: -20, adaptive: true });
    const url = `${adaptiveUrl(id)}?token=t1`;
    const [master, variant] = playlistsOf(await probeStream(url, { credentials: { origin: new URL(edgeUrl).origin, auth: { token: 't1' }, cookies: false } }));
    expect(master!.url).to.equal(url);
    expect(master!.text).to.include('#EXT-X-STREAM-INF');
    expect(variant!.url).to.equal(`${edgeUrl}/streams/${id}_360p500kbps.m3u8?token=t1`);
    expect(variant!.text).to.include('#EXTINF');
  });

  it('reads an LL-HLS master and its media playlist', async () => {
    const id = uniqueStreamId('probell');
    await putStream({ id, startIn: -20, llHls: 'ams' });
    const [master, media] = playlistsOf(await probeStream(llHlsUrl(id)));
    expect(master!.text).to.include('#EXT-X-STREAM-INF');
    expect(new URL(media!.url).pathname).to.equal(`/streams/ll-hls/${id}/480/${id}__lowlatency.m3u8`);
    expect(media!.text).to.include('#EXT-X-PART');
  });

  it('a stream not started yet is not-found, and the cached 404 comes back with its Age', async () => {
    const id = uniqueStreamId('probeearly');
    await putStream({ id, startIn: 60 });
    let announced = false;
    const first = await probeStream(hlsUrl(id), { onPlaylist: () => (announced = true) });
    expect(first.outcome).to.equal('not-found');
    const again = await probeStream(hlsUrl(id));
    expect(again.outcome).to.equal('not-found');
    // The edge answered from its cache, at most a second after it stored the 404.
    expect(again.ageSeconds).to.be.a('number').and.to.be.within(0, 1);
    expect(announced).to.equal(false);
  });

  it('a broadcast that has ended is ended', async () => {
    const id = uniqueStreamId('probeended');
    await putStream({ id, startIn: -20, stopAfter: 10 });
    expect(await probeStream(hlsUrl(id))).to.deep.equal({ outcome: 'ended' });
  });

  it('an origin answering 503 is unreachable, as is a request that gets no response at all', async () => {
    const id = uniqueStreamId('probe503');
    await putStream({ id, startIn: -20 });
    await addFault({ kind: 'status', id, status: 503, seconds: 30 });
    expect(await probeStream(hlsUrl(id))).to.deep.equal({ outcome: 'unreachable' });
    // Browsers refuse to connect to port 9 (discard): fetch rejects, as it does offline or on a DNS failure.
    expect(await probeStream('http://127.0.0.1:9/streams/none.m3u8')).to.deep.equal({ outcome: 'unreachable' });
  });

  it('rejects with the abort reason when its signal aborts', async () => {
    const id = uniqueStreamId('probeabort');
    await putStream({ id, startIn: -20 });
    await addFault({ kind: 'slow', id, delayMs: 3000, seconds: 30 });
    const abort = new AbortController();
    const probing = probeStream(hlsUrl(id), { signal: abort.signal });
    const reason = new Error('stopped by the test');
    setTimeout(() => abort.abort(reason), 100);
    let thrown: unknown;
    try {
      await probing;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.equal(reason);
  });
});
