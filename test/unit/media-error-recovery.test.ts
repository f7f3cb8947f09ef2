import { expect } from '@open-wc/testing';
import { MediaErrorRecovery } from '../../src/media-error-recovery.js';

describe('MediaErrorRecovery', () => {
  it('climbs hls.js’s ladder for errors close together: recover, swap the audio codec and recover, hand over', () => {
    const recovery = new MediaErrorRecovery({ quietPeriodMs: 30_000, maxRecoveries: 2 });
    expect(recovery.stepFor(0)).to.equal('recover');
    expect(recovery.stepFor(5_000)).to.equal('swap-audio-codec-and-recover');
    expect(recovery.stepFor(10_000)).to.equal('hand-over');
  });

  it('starts again at the bottom after a quiet period', () => {
    const recovery = new MediaErrorRecovery({ quietPeriodMs: 30_000, maxRecoveries: 2 });
    recovery.stepFor(0);
    recovery.stepFor(5_000);
    expect(recovery.stepFor(40_000)).to.equal('recover');
  });
});
