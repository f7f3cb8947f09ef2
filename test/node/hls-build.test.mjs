// Which hls.js build a page's hlsConfig needs (dist/lib/hls/hls-build.js, the built module).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hlsBuildFor } from '../../dist/lib/hls/hls-build.js';

test('the light build by default, and for settings the light build honours', () => {
  assert.equal(hlsBuildFor(undefined), 'light');
  assert.equal(hlsBuildFor(null), 'light');
  assert.equal(hlsBuildFor({ maxBufferLength: 10, lowLatencyMode: true, workerPath: '/w.js' }), 'light');
  assert.equal(hlsBuildFor({ emeEnabled: false, enableWebVTT: false, drmSystems: {} }), 'light');
});

test('the full build for DRM, subtitles and captions, CMCD and interstitials', () => {
  assert.equal(hlsBuildFor({ emeEnabled: true }), 'full');
  assert.equal(hlsBuildFor({ drmSystems: { 'com.widevine.alpha': { licenseUrl: 'https://licence.example/' } } }), 'full');
  assert.equal(hlsBuildFor({ widevineLicenseUrl: 'https://licence.example/' }), 'full');
  assert.equal(hlsBuildFor({ enableWebVTT: true }), 'full');
  assert.equal(hlsBuildFor({ enableIMSC1: true }), 'full');
  assert.equal(hlsBuildFor({ enableCEA708Captions: true }), 'full');
  assert.equal(hlsBuildFor({ cmcd: {} }), 'full');
  assert.equal(hlsBuildFor({ enableInterstitialPlayback: true }), 'full');
});

test('the full build for a master playlist with audio renditions of their own, subtitles or closed captions', () => {
  const master = (media) => `#EXTM3U\n${media}\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.42c01e,mp4a.40.2"\nv.m3u8\n`;
  assert.equal(hlsBuildFor(undefined, master('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="Deutsch",LANGUAGE="de",URI="de.m3u8"')), 'full');
  assert.equal(hlsBuildFor(undefined, master('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="s",NAME="English",URI="en.m3u8"')), 'full');
  assert.equal(hlsBuildFor(undefined, master('#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="English",INSTREAM-ID="CC1"')), 'full');
  // An audio rendition in the variant's own segments (no URI) plays in the light build.
  assert.equal(hlsBuildFor(undefined, master('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="English",DEFAULT=YES')), 'light');
  assert.equal(hlsBuildFor(undefined, '#EXTM3U\n#EXTINF:2,\ns0.ts\n'), 'light');
});

test('the full build when the page asks for captions: only it reads CEA-608 in the video, which a bare media playlist never declares', () => {
  const mediaPlaylist = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\ns0.ts\n';
  assert.equal(hlsBuildFor(undefined, mediaPlaylist, true), 'full');
  assert.equal(hlsBuildFor(undefined, mediaPlaylist, false), 'light');
});
