// Which hls.js build a page's hlsConfig needs (dist/lib/hls-build.js, the built module).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hlsBuildFor } from '../../dist/lib/hls-build.js';

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
