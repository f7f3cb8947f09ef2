import { expect, waitUntil } from '@open-wc/testing';
import Hls, { LoadStats, M3U8Parser, PlaylistLevelType, type LoaderCallbacks, type LoaderContext } from 'hls.js';
import { lowLatencyConfig } from '../../src/hls/hls-tuning.js';
import { rewrittenPlaylist, withServerSequence, withShiftedSequence } from '../../src/hls/hls-workarounds.js';

const amsLowLatencyPlaylist = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:2
#EXT-X-PART-INF:PART-TARGET=1.0
#EXT-X-MEDIA-SEQUENCE:10
#EXTINF:2.0,
a10.ts
`;

/** An hls.js playlist loader that answers every request with the next text from `next`, no network. */
function scriptedLoader(next: () => string): typeof Hls.DefaultConfig.pLoader {
  class ScriptedLoader {
    stats = new LoadStats();
    load(context: LoaderContext, _config: unknown, callbacks: LoaderCallbacks<LoaderContext>) {
      const text = next();
      const now = performance.now();
      this.stats.loading = { start: now, first: now, end: now };
      this.stats.loaded = this.stats.total = text.length;
      setTimeout(() => callbacks.onSuccess({ url: context.url, data: text }, this.stats, context, null));
    }
    abort() {}
    destroy() {}
  }
  return ScriptedLoader as unknown as typeof Hls.DefaultConfig.pLoader;
}

/** A low-latency playlist the hold-back and reload rewrites leave alone (it names both), to see another rewrite on its own. */
const settled = (playlist: string): string => playlist.replace('#EXT-X-MEDIA-SEQUENCE', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=2.0\n#EXT-X-MEDIA-SEQUENCE');

describe('rewrittenPlaylist: derived PART-HOLD-BACK', () => {
  it('adds PART-HOLD-BACK of 2 part targets to an AMS playlist that has parts but no server control', () => {
    const playlist = rewrittenPlaylist(amsLowLatencyPlaylist);
    expect(playlist).to.include('#EXT-X-PART-INF:PART-TARGET=1.0\n#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=2\n');
  });

  it('adds it to an existing EXT-X-SERVER-CONTROL line that lacks it', () => {
    const playlist = rewrittenPlaylist(amsLowLatencyPlaylist.replace('#EXT-X-MEDIA', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES\n#EXT-X-MEDIA'));
    expect(playlist).to.include('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=2\n');
    expect(playlist.match(/SERVER-CONTROL/g)).to.have.length(1);
  });

  it('leaves a playlist that names its PART-HOLD-BACK unchanged', () => {
    const playlist = amsLowLatencyPlaylist.replace('#EXT-X-MEDIA', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6\n#EXT-X-MEDIA');
    expect(rewrittenPlaylist(playlist)).to.equal(withShiftedSequence(playlist));
  });

  it('adds none to playlists without parts, and leaves anything that is not a playlist unchanged', () => {
    const plain = amsLowLatencyPlaylist.replace('#EXT-X-PART-INF:PART-TARGET=1.0\n', '');
    expect(rewrittenPlaylist(plain)).not.to.include('PART-HOLD-BACK');
    expect(rewrittenPlaylist('<html>PART-TARGET=1</html>')).to.equal('<html>PART-TARGET=1</html>');
  });
});

describe('rewrittenPlaylist: segment numbers one higher for hls.js', () => {
  // A young Apple-style LL-HLS playlist: segment 0 complete, segment 1 in progress.
  const young = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PART-INF:PART-TARGET=0.2\n#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6\n#EXT-X-MEDIA-SEQUENCE:0\n' +
    '#EXT-X-MAP:URI="init.mp4"\n#EXT-X-PART:DURATION=0.200,URI="s0.0.m4s",INDEPENDENT=YES\n#EXTINF:2.000,\ns0.m4s\n' +
    '#EXT-X-PART:DURATION=0.200,URI="s1.0.m4s",INDEPENDENT=YES\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI="s1.1.m4s"\n#EXT-X-RENDITION-REPORT:URI="../720/a.m3u8",LAST-MSN=1,LAST-PART=0\n';
  const parse = (playlist: string) => M3U8Parser.parseLevelPlaylist(playlist, 'https://cdn.example/a.m3u8', 0, PlaylistLevelType.MAIN, 0, null);

  it('numbers every segment, part and rendition report one higher, so hls.js sees no segment 0', () => {
    const details = parse(rewrittenPlaylist(young));
    expect(details.fragments.map((fragment) => [fragment.sn, fragment.relurl])).to.deep.equal([[1, 's0.m4s']]);
    expect(details.partList?.map((part) => `${part.fragment.sn}.${part.index}`)).to.deep.equal(['1.0', '2.0']);
    expect(details.renditionReports?.[0]?.['LAST-MSN']).to.equal('2');
    expect(rewrittenPlaylist(young).replace('MEDIA-SEQUENCE:1\n', 'MEDIA-SEQUENCE:0\n').replace('LAST-MSN=2', 'LAST-MSN=1')).to.equal(young);
  });

  it('adds the numbering to a playlist without EXT-X-MEDIA-SEQUENCE (its first segment is 0), and leaves other text alone', () => {
    const unnumbered = '#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXTINF:2.000,\r\ns0.ts\r\n';
    expect(parse(withShiftedSequence(unnumbered)).fragments[0]?.sn).to.equal(1);
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\na.m3u8\n';
    expect(rewrittenPlaylist(master)).to.equal(master);
    expect(rewrittenPlaylist('<html>#EXT-X-MEDIA-SEQUENCE:4</html>')).to.equal('<html>#EXT-X-MEDIA-SEQUENCE:4</html>');
  });

  it('asks the server for the segment it numbers: one lower in _HLS_msn, the rest of the URL byte for byte', () => {
    const url = 'https://cdn.example/a.m3u8?token=a%2Fb+c&_HLS_msn=13&_HLS_part=2';
    expect(withServerSequence(url)).to.equal('https://cdn.example/a.m3u8?token=a%2Fb+c&_HLS_msn=12&_HLS_part=2');
    expect(withServerSequence('https://cdn.example/a.m3u8?token=x')).to.equal('https://cdn.example/a.m3u8?token=x');
    expect(withServerSequence('https://cdn.example/a.m3u8?_HLS_msn=1')).to.equal('https://cdn.example/a.m3u8?_HLS_msn=0');
  });
});

describe('rewrittenPlaylist: the next-segment marker', () => {
  // An AMS LL-HLS playlist just after segment 11 completed: no part of segment 12 yet, no preload hint.
  const head = '#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-PART-INF:PART-TARGET=1.0\n#EXT-X-MEDIA-SEQUENCE:10\n';
  const segment = (sequence: number) =>
    `#EXT-X-PART:DURATION=1.000,URI="a${sequence}.0.ts",INDEPENDENT=YES\n#EXT-X-PART:DURATION=1.000,URI="a${sequence}.1.ts",INDEPENDENT=YES\n#EXTINF:2.000,\na${sequence}.ts\n`;
  const endedOnSegment = `${head}#EXTINF:2.000,\na10.ts\n${segment(11)}`;
  /** A bare comment line after the last segment URI. */
  const marker = '#\n';
  const parse = (playlist: string) => M3U8Parser.parseLevelPlaylist(playlist, 'https://cdn.example/a__lowlatency.m3u8', 0, PlaylistLevelType.MAIN, 0, null);

  it('makes hls.js see the next segment as the one in progress, not the complete last one', () => {
    // The bug it works around: hls.js takes the complete segment 11 for the segment in progress.
    const unchanged = parse(endedOnSegment);
    expect(unchanged.fragmentHint).to.equal(unchanged.fragments.at(-1));
    const details = parse(rewrittenPlaylist(endedOnSegment));
    expect(details.fragments.map((fragment) => fragment.relurl)).to.deep.equal(['a10.ts', 'a11.ts']);
    // Segment 12, numbered one higher for hls.js (withShiftedSequence).
    expect(details.fragmentHint?.sn).to.equal(13);
    expect(details.fragmentHint?.relurl).to.equal(undefined);
    expect(details.fragmentHint?.duration).to.equal(0);
    expect(details.playlistParsingError).to.equal(null);
  });

  it('lets real hls.js refresh across a segment completion that fails with "media sequence mismatch" without it', async () => {
    const playlists = [`${head}${segment(10)}${segment(11)}`, `${head.replace(':10', ':11')}${segment(11)}${segment(12)}`];
    /** hls.js fed the two playlists in turn (no media needed): its errors once it has loaded both. */
    const errorsAfterRefresh = async (rewrite: (playlist: string) => string): Promise<string[]> => {
      let loads = 0;
      const pLoader = scriptedLoader(() => rewrite(playlists[Math.min(loads++, playlists.length - 1)]!));
      const hls = new Hls({ pLoader, lowLatencyMode: true });
      const errors: string[] = [];
      hls.on(Hls.Events.ERROR, (_event, data) => errors.push(`${data.details}: ${data.error.message.split('\n')[0]}`));
      hls.loadSource('https://cdn.example/a__lowlatency.m3u8');
      // hls.js reloads a playlist without blocking reload after a target duration.
      await waitUntil(() => loads >= 2, 'second playlist load', { timeout: 8000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      hls.destroy();
      return errors;
    };
    // Every rewrite but the marker, then all of them: the marker alone makes the difference.
    const withoutMarker = (playlist: string): string => rewrittenPlaylist(playlist).replace(/\n#\n$/, '\n');
    const [unmarked, marked] = await Promise.all([errorsAfterRefresh(withoutMarker), errorsAfterRefresh(rewrittenPlaylist)]);
    expect(unmarked).to.deep.equal(['levelParsingError: media sequence mismatch 13: https://cdn.example/a12.ts']);
    expect(marked).to.deep.equal([]);
  });

  it('adds one comment line after the last segment and nothing else', () => {
    expect(rewrittenPlaylist(settled(endedOnSegment))).to.equal(withShiftedSequence(`${settled(endedOnSegment)}${marker}`));
    expect(rewrittenPlaylist(settled(endedOnSegment).replace(/\n/g, '\r\n'))).to.match(/a11\.ts\n#\n$/);
  });

  it('adds none to playlists with a segment in progress, ended, without parts, or not playlists', () => {
    const inProgress = settled(`${endedOnSegment}#EXT-X-PART:DURATION=1.000,URI="a12.0.ts",INDEPENDENT=YES\n`);
    expect(rewrittenPlaylist(inProgress)).to.equal(withShiftedSequence(inProgress));
    const hinted = settled(`${endedOnSegment}#EXT-X-PRELOAD-HINT:TYPE=PART,URI="a12.0.ts"\n`);
    expect(rewrittenPlaylist(hinted)).to.equal(withShiftedSequence(hinted));
    const ended = settled(`${endedOnSegment}#EXT-X-ENDLIST\n`);
    expect(rewrittenPlaylist(ended)).to.equal(withShiftedSequence(ended));
    const plain = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:10\n#EXTINF:2.000,\na10.ts\n`;
    expect(rewrittenPlaylist(plain).endsWith('a10.ts\n')).to.equal(true, 'no marker without parts');
    expect(rewrittenPlaylist('<html>#EXT-X-PART:</html>\nx')).to.equal('<html>#EXT-X-PART:</html>\nx');
  });

  it('comes with the other rewrites', () => {
    const rewritten = rewrittenPlaylist(endedOnSegment);
    expect(rewritten).to.include('#EXT-X-TARGETDURATION:1\n');
    expect(rewritten).to.include('#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=2\n');
    expect(rewritten).to.include('#EXTINF:2.000,\na10.ts\n#EXT-X-PART:DURATION=1.000,URI="a11.0.ts"');
    expect(rewritten.endsWith(`a11.ts\n${marker}`)).to.equal(true);
  });
});

describe('rewrittenPlaylist: part-paced reload', () => {
  // As published AMS LL-HLS playlists: 4 s segments of 1 s parts, no blocking reload.
  const amsPlaylist = (sequence: number) =>
    `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PART-INF:PART-TARGET=1.002000\n#EXT-X-MEDIA-SEQUENCE:${sequence}\n` +
    `#EXTINF:4.000,\na${sequence}.ts\n#EXT-X-PART:DURATION=1.000,INDEPENDENT=YES,URI="a${sequence + 1}.1.ts"\n`;

  it('sets TARGETDURATION to the part target, rounded to whole seconds, and leaves the segments as they are', () => {
    expect(rewrittenPlaylist(amsPlaylist(5))).to.equal(
      withShiftedSequence(amsPlaylist(5).replace('TARGETDURATION:4', 'TARGETDURATION:1').replace('PART-TARGET=1.002000\n', 'PART-TARGET=1.002000\n#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=2.004\n')),
    );
    const twoSecondParts = amsPlaylist(5).replace('PART-TARGET=1.002000', 'PART-TARGET=2.0');
    expect(rewrittenPlaylist(twoSecondParts)).to.include('#EXT-X-TARGETDURATION:2\n#EXT-X-PART-INF:PART-TARGET=2.0\n');
  });

  it('leaves playlists with blocking reload, and anything that is not a playlist, unchanged', () => {
    const blocking = amsPlaylist(5).replace('#EXT-X-MEDIA', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=3.0\n#EXT-X-MEDIA');
    expect(rewrittenPlaylist(blocking)).to.equal(withShiftedSequence(blocking));
    expect(rewrittenPlaylist('<html>PART-TARGET=1 TARGETDURATION:4</html>')).to.equal('<html>PART-TARGET=1 TARGETDURATION:4</html>');
  });

  it('makes real hls.js reload such a playlist about every second instead of every 4 s', async () => {
    /** Playlist requests hls.js makes in 2.6 s (no media needed). */
    const reloadsIn = async (rewrite: (playlist: string) => string): Promise<number> => {
      let loads = 0;
      // Each answer has one more part, so hls.js sees the playlist advance every time.
      const pLoader = scriptedLoader(() => {
        const newParts = Array.from({ length: ++loads }, (_, index) => `#EXT-X-PART:DURATION=1.000,URI="a6.${2 + index}.ts"\n`);
        return rewrite(amsPlaylist(5) + newParts.join(''));
      });
      const hls = new Hls({ pLoader, lowLatencyMode: true });
      hls.loadSource('https://cdn.example/a__lowlatency.m3u8');
      await new Promise((resolve) => setTimeout(resolve, 2600));
      hls.destroy();
      return loads;
    };
    const [unchanged, paced] = await Promise.all([reloadsIn((playlist) => playlist), reloadsIn(rewrittenPlaylist)]);
    expect(unchanged).to.equal(1);
    expect(paced).to.be.within(2, 4);
  });
});

describe('rewrittenPlaylist: half-target reload', () => {
  // As AMS HLS: 2 s segments, live.
  const hlsPlaylist = (sequence: number, segments = 3) =>
    `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:${sequence}\n` +
    Array.from({ length: segments }, (_, index) => `#EXTINF:2.000,\ns${sequence + index}.ts\n`).join('');

  it('halves TARGETDURATION of a live HLS playlist (whole seconds, at least 1) and leaves the segments as they are', () => {
    expect(rewrittenPlaylist(hlsPlaylist(5))).to.equal(withShiftedSequence(hlsPlaylist(5).replace('TARGETDURATION:2', 'TARGETDURATION:1')));
    expect(rewrittenPlaylist(hlsPlaylist(5).replace('TARGETDURATION:2', 'TARGETDURATION:6'))).to.include('#EXT-X-TARGETDURATION:3\n');
    const oneSecond = hlsPlaylist(5).replace('TARGETDURATION:2', 'TARGETDURATION:1');
    expect(rewrittenPlaylist(oneSecond)).to.equal(withShiftedSequence(oneSecond));
  });

  it('leaves ended and blocking playlists and non-playlists unchanged, and paces low-latency ones by part instead', () => {
    const ended = `${hlsPlaylist(5)}#EXT-X-ENDLIST\n`;
    expect(rewrittenPlaylist(ended)).to.equal(withShiftedSequence(ended));
    const blocking = hlsPlaylist(5).replace('#EXT-X-MEDIA', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES\n#EXT-X-MEDIA');
    expect(rewrittenPlaylist(blocking)).to.equal(withShiftedSequence(blocking));
    expect(rewrittenPlaylist('<html>TARGETDURATION:2</html>')).to.equal('<html>TARGETDURATION:2</html>');
    const withParts = hlsPlaylist(5).replace('TARGETDURATION:2', 'TARGETDURATION:6').replace('#EXT-X-MEDIA', '#EXT-X-PART-INF:PART-TARGET=2.0\n#EXT-X-MEDIA');
    expect(rewrittenPlaylist(withParts)).to.include('#EXT-X-TARGETDURATION:2\n');
  });

  it('makes real hls.js reload a 2 s HLS playlist about every second instead of every 2 s', async () => {
    /** Playlist requests hls.js makes in 3.6 s, each answer one segment newer (no media needed). */
    const reloadsIn = async (rewrite: (playlist: string) => string): Promise<number> => {
      let loads = 0;
      const pLoader = scriptedLoader(() => rewrite(hlsPlaylist(5 + loads++)));
      const hls = new Hls({ pLoader, lowLatencyMode: false });
      hls.loadSource('https://cdn.example/s.m3u8');
      await new Promise((resolve) => setTimeout(resolve, 3600));
      hls.destroy();
      return loads;
    };
    const [unchanged, halved] = await Promise.all([reloadsIn((playlist) => playlist), reloadsIn(rewrittenPlaylist)]);
    expect(unchanged).to.be.within(1, 2);
    expect(halved).to.be.within(3, 5);
  });
});

describe('lowLatencyConfig', () => {
  it('uses LL-HLS parts and the playlist hold-back for ll-hls, with catch-up and a bounded back buffer', () => {
    const config = lowLatencyConfig({ playOrder: 'll-hls', targetLatency: null });
    expect(config.lowLatencyMode).to.equal(true);
    expect(config.liveSyncDuration).to.equal(undefined);
    expect(config.maxLiveSyncPlaybackRate).to.be.above(1);
    // The session trims the back buffer itself (back-buffer.ts).
    expect(config.backBufferLength).to.equal(Infinity);
  });

  it('starts HLS 3 s behind the edge by default, with catch-up', () => {
    const config = lowLatencyConfig({ playOrder: 'hls', targetLatency: null });
    expect(config.lowLatencyMode).to.equal(false);
    expect(config.liveSyncDuration).to.equal(3);
    expect(config.maxLiveSyncPlaybackRate).to.be.above(1);
  });

  it("leaves the target to the element: no stall increase, no maximum latency that would seek a paused viewer back to live", () => {
    for (const playOrder of ['hls', 'll-hls'] as const) {
      const config = lowLatencyConfig({ playOrder, targetLatency: null });
      expect(config.liveSyncOnStallIncrease).to.equal(0);
      expect(config.liveMaxLatencyDuration).to.equal(undefined);
    }
  });

  it('lets target-latency override the target for both play orders', () => {
    for (const playOrder of ['hls', 'll-hls'] as const) {
      expect(lowLatencyConfig({ playOrder, targetLatency: 1.5 }).liveSyncDuration).to.equal(1.5);
    }
  });
});
