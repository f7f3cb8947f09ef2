import { expect } from '@open-wc/testing';
import { MediaErrorRecovery } from '../../src/media-error-recovery.js';

describe('MediaErrorRecovery', () => {
  it('climbs the ladder for errors close together: recover, swap the audio codec and recover, reload', () => {
    const recovery = new MediaErrorRecovery({ quietPeriodMs: 30_000, maxRecoveries: 2 });
    expect(recovery.stepFor(0)).to.equal('recover');
    expect(recovery.stepFor(5_000)).to.equal('swap-audio-codec-and-recover');
    expect(recovery.stepFor(10_000)).to.equal('reload');
  });

  it('climbs again from the bottom after a reload, and gives up when the top comes round within the quiet period of that reload', () => {
    const recovery = new MediaErrorRecovery({ quietPeriodMs: 30_000, maxRecoveries: 2 });
    for (const at of [0, 1_000, 2_000]) recovery.stepFor(at);
    expect(recovery.stepFor(3_000)).to.equal('recover');
    expect(recovery.stepFor(4_000)).to.equal('swap-audio-codec-and-recover');
    expect(recovery.stepFor(5_000)).to.equal('give-up');
  });

  it('reloads again when the last reload is older than the quiet period', () => {
    const recovery = new MediaErrorRecovery({ quietPeriodMs: 30_000, maxRecoveries: 2 });
    for (const at of [0, 1_000, 2_000]) recovery.stepFor(at);
    for (const at of [20_000, 40_000]) recovery.stepFor(at);
    expect(recovery.stepFor(45_000)).to.equal('reload');
  });

  it('starts again at the bottom after a quiet period', () => {
    const recovery = new MediaErrorRecovery({ quietPeriodMs: 30_000, maxRecoveries: 2 });
    recovery.stepFor(0);
    recovery.stepFor(5_000);
    expect(recovery.stepFor(40_000)).to.equal('recover');
  });
});
