import { expect } from '@open-wc/testing';
import { isFragmentedMp4, probedPlaylists, reuseWindowMs } from '../../src/cdn/probed-playlists.js';
import { probeStream, type ProbedPlaylist } from '../../src/cdn/stream-probe.js';
import { withAuthParams } from '../../src/urls/stream-url.js';

const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000\n480/s__lowlatency.m3u8\n';
const llMedia = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PART-INF:PART-TARGET=0.2\n#EXT-X-MEDIA-SEQUENCE:1\n#EXTINF:2,\ns1.m4s\n';
const hlsMedia = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n#EXTINF:2,\ns1.ts\n';

function probed(url: string, text: string, end: number): ProbedPlaylist {
  return { url, responseUrl: url, text, requestStart: end - 10, firstByte: end - 5, end, ageSeconds: null };
}

describe('reuseWindowMs', () => {
  it('a master playlist never goes stale; a live media playlist for one part target, or one target duration without parts', () => {
    expect(reuseWindowMs(master)).to.equal(Number.POSITIVE_INFINITY);
    expect(reuseWindowMs(llMedia)).to.be.closeTo(200, 0.001);
    expect(reuseWindowMs(hlsMedia)).to.equal(2000);
    expect(reuseWindowMs('#EXTM3U\n')).to.equal(0);
  });
});

describe('isFragmentedMp4', () => {
  it('tells fMP4 (an EXT-X-MAP init section) from MPEG-TS', () => {
    const fmp4 = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI="s__init.mp4"\n#EXTINF:2,\ns1.m4s\n';
    expect(isFragmentedMp4([probed('https://cdn.test/m.m3u8', master, 0), probed('https://cdn.test/v.m3u8', fmp4, 0)])).to.equal(true);
    expect(isFragmentedMp4([probed('https://cdn.test/m.m3u8', master, 0), probed('https://cdn.test/v.m3u8', hlsMedia, 0)])).to.equal(false);
    expect(isFragmentedMp4([])).to.equal(false);
  });
});

describe('probedPlaylists', () => {
  it('answers the first request of each URL, never a second one', () => {
    let now = 100;
    const take = probedPlaylists([probed('https://cdn.test/m.m3u8', master, 100)], () => now);
    now = 5000;
    expect(take('https://cdn.test/m.m3u8')?.text).to.equal(master);
    expect(take('https://cdn.test/m.m3u8')).to.equal(undefined);
    expect(take('https://cdn.test/other.m3u8')).to.equal(undefined);
  });

  it('lets a live media playlist stand in only while it is younger than its reuse window', () => {
    let now = 1000;
    const take = probedPlaylists([probed('https://cdn.test/fresh.m3u8', llMedia, 1000), probed('https://cdn.test/stale.m3u8', llMedia, 1000)], () => now);
    now = 1150;
    expect(take('https://cdn.test/fresh.m3u8')?.text).to.equal(llMedia);
    now = 1250;
    expect(take('https://cdn.test/stale.m3u8')).to.equal(undefined);
  });

  it("matches a request the loader signed again with the viewer's auth parameters (it compares plain strings)", () => {
    const auth = { token: 'a b+c/d=' };
    const url = withAuthParams('https://cdn.test/m.m3u8?x=1', auth);
    const take = probedPlaylists([probed(url, master, 0)], () => 0);
    expect(take(withAuthParams(url, auth))?.url).to.equal(url);
  });
});

describe('probeStream', () => {
  it('returns the master and its first variant with their timings, announcing the stream when the master arrives, before it reads the variant', async () => {
    const events: string[] = [];
    const answers: Record<string, string> = { 'https://cdn.test/s__master.m3u8?token=t1': master, 'https://cdn.test/480/s__lowlatency.m3u8?token=t1': llMedia };
    const fetch = async (input: RequestInfo | URL): Promise<Response> => {
      const url = String(input);
      events.push(`fetch ${url}`);
      const body = answers[url];
      return body === undefined ? new Response('', { status: 404 }) : new Response(body, { status: 200, headers: { Age: '1' } });
    };
    const result = await probeStream('https://cdn.test/s__master.m3u8?token=t1', { credentials: { origin: 'https://cdn.test', auth: { token: 't1' }, cookies: false }, fetch: fetch as typeof globalThis.fetch, onPlaylist: () => events.push('playlist') });
    expect(result.outcome).to.equal('available');
    expect(events).to.deep.equal(['fetch https://cdn.test/s__master.m3u8?token=t1', 'playlist', 'fetch https://cdn.test/480/s__lowlatency.m3u8?token=t1']);
    const playlists = result.outcome === 'available' ? result.playlists! : [];
    expect(playlists.map((playlist) => playlist.text)).to.deep.equal([master, llMedia]);
    for (const playlist of playlists) {
      expect(playlist.requestStart).to.be.at.most(playlist.firstByte);
      expect(playlist.firstByte).to.be.at.most(playlist.end);
      expect(playlist.ageSeconds).to.equal(1);
    }
  });

  it('does not announce a playlist that ends the broadcast', async () => {
    let announced = false;
    const fetch = async (): Promise<Response> => new Response(`${hlsMedia}#EXT-X-ENDLIST\n`, { status: 200 });
    const result = await probeStream('https://cdn.test/s.m3u8', { fetch: fetch as typeof globalThis.fetch, onPlaylist: () => (announced = true) });
    expect(result.outcome).to.equal('ended');
    expect(announced).to.equal(false);
  });
});
