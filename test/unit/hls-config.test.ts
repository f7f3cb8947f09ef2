import { expect } from '@open-wc/testing';
import { lowLatencyConfig, withDerivedPartHoldBack, withoutFirstSegmentParts } from '../../src/hls-config.js';

const amsLowLatencyPlaylist = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:2
#EXT-X-PART-INF:PART-TARGET=1.0
#EXT-X-MEDIA-SEQUENCE:10
#EXTINF:2.0,
a10.ts
`;

describe('withDerivedPartHoldBack', () => {
  it('adds PART-HOLD-BACK of 2.5 part targets to an AMS playlist that has parts but no server control', () => {
    const playlist = withDerivedPartHoldBack(amsLowLatencyPlaylist);
    expect(playlist).to.include('#EXT-X-PART-INF:PART-TARGET=1.0\n#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=2.500\n');
  });

  it('adds it to an existing EXT-X-SERVER-CONTROL line that lacks it', () => {
    const playlist = withDerivedPartHoldBack(amsLowLatencyPlaylist.replace('#EXT-X-MEDIA', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES\n#EXT-X-MEDIA'));
    expect(playlist).to.include('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=2.500\n');
    expect(playlist.match(/SERVER-CONTROL/g)).to.have.length(1);
  });

  it('leaves a playlist that names its PART-HOLD-BACK unchanged', () => {
    const playlist = amsLowLatencyPlaylist.replace('#EXT-X-MEDIA', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6\n#EXT-X-MEDIA');
    expect(withDerivedPartHoldBack(playlist)).to.equal(playlist);
  });

  it('leaves playlists without parts, and anything that is not a playlist, unchanged', () => {
    const plain = amsLowLatencyPlaylist.replace('#EXT-X-PART-INF:PART-TARGET=1.0\n', '');
    expect(withDerivedPartHoldBack(plain)).to.equal(plain);
    expect(withDerivedPartHoldBack('<html>PART-TARGET=1</html>')).to.equal('<html>PART-TARGET=1</html>');
  });
});

describe('withoutFirstSegmentParts', () => {
  const head = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PART-INF:PART-TARGET=0.2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI="init.mp4"\n#EXT-X-PROGRAM-DATE-TIME:2030-01-01T00:00:00.000Z\n';
  const part = (segment: number, index: number) => `#EXT-X-PART:DURATION=0.200,URI="s${segment}.${index}.m4s"${index === 0 ? ',INDEPENDENT=YES' : ''}\n`;

  it("drops the complete first segment's parts and keeps everything else", () => {
    const playlist = `${head}${part(0, 0)}${part(0, 1)}#EXTINF:2.000,\ns0.m4s\n${part(1, 0)}#EXTINF:2.000,\ns1.m4s\n${part(2, 0)}#EXT-X-PRELOAD-HINT:TYPE=PART,URI="s2.1.m4s"\n`;
    expect(withoutFirstSegmentParts(playlist)).to.equal(`${head}#EXTINF:2.000,\ns0.m4s\n${part(1, 0)}#EXTINF:2.000,\ns1.m4s\n${part(2, 0)}#EXT-X-PRELOAD-HINT:TYPE=PART,URI="s2.1.m4s"\n`);
  });

  it('keeps the parts of a first segment still being written, and playlists whose first segment has none', () => {
    const young = `${head}${part(0, 0)}${part(0, 1)}#EXT-X-PRELOAD-HINT:TYPE=PART,URI="s0.2.m4s"\n`;
    expect(withoutFirstSegmentParts(young)).to.equal(young);
    const older = `${head}#EXTINF:2.000,\ns0.m4s\n${part(1, 0)}#EXTINF:2.000,\ns1.m4s\n`;
    expect(withoutFirstSegmentParts(older)).to.equal(older);
    expect(withoutFirstSegmentParts('<html>#EXT-X-PART:</html>')).to.equal('<html>#EXT-X-PART:</html>');
  });
});

describe('lowLatencyConfig', () => {
  it('uses LL-HLS parts and the playlist hold-back for ll-hls, with catch-up and a bounded back buffer', () => {
    const config = lowLatencyConfig({ playOrder: 'll-hls', targetLatency: null });
    expect(config.lowLatencyMode).to.equal(true);
    expect(config.liveSyncDuration).to.equal(undefined);
    expect(config.maxLiveSyncPlaybackRate).to.be.above(1);
    expect(config.backBufferLength).to.be.a('number').within(1, 60);
  });

  it('syncs HLS 3 s behind the edge by default, with catch-up', () => {
    const config = lowLatencyConfig({ playOrder: 'hls', targetLatency: null });
    expect(config.lowLatencyMode).to.equal(false);
    expect(config.liveSyncDuration).to.equal(3);
    expect(config.liveMaxLatencyDuration).to.be.above(3);
    expect(config.maxLiveSyncPlaybackRate).to.be.above(1);
  });

  it('lets target-latency override the target for both play orders', () => {
    for (const playOrder of ['hls', 'll-hls'] as const) {
      const config = lowLatencyConfig({ playOrder, targetLatency: 1.5 });
      expect(config.liveSyncDuration).to.equal(1.5);
      expect(config.liveMaxLatencyDuration).to.be.above(1.5);
    }
  });
});
