import { expect } from '@open-wc/testing';
import { MediaErrorRecovery, type MediaErrorRecoveryConfig } from '../../src/session/media-error-recovery.js';

const config: MediaErrorRecoveryConfig = { quietPeriodMs: 30_000, maxRecoveries: 2, firstReloadDelayMs: 1_000, maxReloadDelayMs: 4_000, giveUpAfterMs: 15_000 };

describe('MediaErrorRecovery', () => {
  it('climbs the ladder for errors close together: recover, swap the audio codec and recover, reload', () => {
    const recovery = new MediaErrorRecovery(config);
    expect(recovery.stepFor(0)).to.deep.equal({ action: 'recover' });
    expect(recovery.stepFor(5_000)).to.deep.equal({ action: 'swap-audio-codec-and-recover' });
    expect(recovery.stepFor(10_000)).to.deep.equal({ action: 'reload', delayMs: 1_000 });
  });

  it('climbs again from the bottom after a reload, each reload of the run waiting twice as long, up to the most', () => {
    const recovery = new MediaErrorRecovery(config);
    const reloads: number[] = [];
    // Errors 100 ms apart, as a stream broken for good gives them: every third one reaches the top.
    for (let at = 0; at < 12 * 100; at += 100) {
      const step = recovery.stepFor(at);
      if (step.action === 'reload') reloads.push(step.delayMs);
      else expect(step.action).to.not.equal('give-up');
    }
    expect(reloads).to.deep.equal([1_000, 2_000, 4_000, 4_000]);
  });

  it('gives up when the run of errors reaches the top again 15 s after its first reload (a broken stream, not a broken moment)', () => {
    const recovery = new MediaErrorRecovery(config);
    for (const at of [0, 100, 200]) recovery.stepFor(at);
    for (const at of [1_300, 1_400]) recovery.stepFor(at);
    expect(recovery.stepFor(14_000).action, 'the top 13.8 s after the first reload').to.equal('reload');
    for (const at of [14_100, 14_200]) recovery.stepFor(at);
    expect(recovery.stepFor(15_300).action, 'the top 15.1 s after the first reload').to.equal('give-up');
  });

  it('starts again at the bottom after a quiet period, with the first reload\'s wait and its own 15 s', () => {
    const recovery = new MediaErrorRecovery(config);
    for (const at of [0, 100, 200, 1_300, 1_400, 1_500]) recovery.stepFor(at);
    expect(recovery.stepFor(40_000)).to.deep.equal({ action: 'recover' });
    recovery.stepFor(40_100);
    expect(recovery.stepFor(40_200)).to.deep.equal({ action: 'reload', delayMs: 1_000 });
  });
});
