import { expect } from '@open-wc/testing';
import { PlayerError } from '../../src/common/player-error.js';
import { inputsAppliedInPlace, planStart } from '../../src/element/element-inputs.js';
import { AmsCdnPlayer } from '../../src/element/ams-cdn-player.js';

const page = { protocol: 'https:', host: 'example.com', origin: 'https://example.com' } as Location;

/** The PlayerError planStart throws for these inputs. */
function inputError(inputs: Parameters<typeof planStart>[0]): PlayerError {
  try {
    planStart(inputs, page);
  } catch (error) {
    if (error instanceof PlayerError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('planStart: the element\'s inputs read for a start', () => {
  it('turns the inputs into the stream player\'s settings, the preview with the viewer\'s token, and the skipped play-order entries', () => {
    const plan = planStart({ domain: 'd1234.cloudfront.net', streamId: 'stream01', playOrder: 'webrtc,ll-hls', token: 'tok', targetLatency: '1.5', errorTtl: '0' }, page);
    expect(plan.settings.candidates.map((candidate) => candidate.playOrder)).to.deep.equal(['ll-hls']);
    expect(plan.settings.targetLatency).to.equal(1.5);
    expect(plan.settings.errorTtlSeconds).to.equal(0);
    expect(plan.settings.maxWaitSeconds).to.equal(null);
    expect(plan.previewImage).to.equal('https://d1234.cloudfront.net/previews/stream01.png?token=tok');
    expect(plan.previewWithCredentials).to.equal(false);
    expect(plan.skipped).to.have.length(1);
    expect(plan.skipped[0]).to.match(/^webrtc: /);
  });

  it('has no preview with no-preview, and sends cookies with crossorigin="use-credentials"', () => {
    expect(planStart({ domain: 'd1234.cloudfront.net', streamId: 's', noPreview: true }, page).previewImage).to.equal(null);
    expect(planStart({ domain: 'd1234.cloudfront.net', streamId: 's', crossOrigin: 'use-credentials' }, page).previewWithCredentials).to.equal(true);
  });

  it('names the attribute at fault before any request can be made', () => {
    expect(inputError({ domain: 'd1234.cloudfront.net', streamId: 's', maxWait: 'soon' }).attribute).to.equal('max-wait');
    expect(inputError({ domain: 'd1234.cloudfront.net', streamId: '' }).attribute).to.equal('stream-id');
    expect(inputError({ domain: 'd1234.cloudfront.net', streamId: 's', crossOrigin: 'sometimes' }).attribute).to.equal('crossorigin');
  });
});

describe('inputsAppliedInPlace: which inputs do not reload the player', () => {
  it('names only inputs the element has; every other input reloads', () => {
    const inputs = Object.keys(AmsCdnPlayer.properties);
    for (const name of inputsAppliedInPlace) expect(inputs, name).to.include(name);
    const reloading = inputs.filter((name) => !inputsAppliedInPlace.has(name));
    expect(reloading).to.include.members(['domain', 'streamId', 'playOrder', 'token', 'targetLatency', 'hlsConfig', 'backupStreamId', 'audioTrack']);
    expect(reloading).to.not.include.members(['captions', 'muted', 'controls']);
  });
});
