import { expect } from '@open-wc/testing';
import { catchUpRate, seekDistance, seekThreshold, type CatchUpState } from '../../src/live-catch-up.js';

/** Apple-style LL-HLS at its 0.6 s hold-back, 0.4 s late, with 0.9 s buffered. */
const lateLowLatency: CatchUpState = {
  distance: 0.4,
  bufferAhead: 0.9,
  minimumBuffer: 0.4,
  maxRate: 1.5,
  currentRate: 1,
};

describe('catchUpRate', () => {
  it('speeds up while behind the target with enough buffer, more the further behind', () => {
    const slightly = catchUpRate({ ...lateLowLatency, distance: 0.15 });
    const far = catchUpRate({ ...lateLowLatency, distance: 0.8 });
    expect(slightly).to.be.greaterThan(1);
    expect(far).to.be.greaterThan(slightly);
  });

  it('never passes the maximum rate', () => {
    expect(catchUpRate({ ...lateLowLatency, distance: 1.9, maxRate: 1.25 })).to.equal(1.25);
  });

  it('plays at normal speed when the buffer ahead is below the minimum, so catching up cannot stall', () => {
    expect(catchUpRate({ ...lateLowLatency, bufferAhead: 0.3 })).to.equal(1);
    expect(catchUpRate({ ...lateLowLatency, bufferAhead: 0.3, currentRate: 1.2 })).to.equal(1);
  });

  it('catches up from any distance, not only within a target duration of the target', () => {
    expect(catchUpRate({ ...lateLowLatency, distance: 2.9, maxRate: 1.25 })).to.equal(1.25);
    expect(catchUpRate({ ...lateLowLatency, distance: 6 })).to.equal(1.5);
  });

  it('starts only past a small distance and then keeps going until close to the target', () => {
    const nearTarget = { ...lateLowLatency, distance: 0.06 };
    expect(catchUpRate(nearTarget)).to.equal(1);
    expect(catchUpRate({ ...nearTarget, currentRate: 1.1 })).to.be.greaterThan(1);
    expect(catchUpRate({ ...nearTarget, distance: 0.01, currentRate: 1.1 })).to.equal(1);
  });

  it('never slows down below normal speed when ahead of the target', () => {
    expect(catchUpRate({ ...lateLowLatency, distance: -0.5 })).to.equal(1);
  });

  it('uses steps of 0.05', () => {
    const rate = catchUpRate(lateLowLatency);
    expect(Math.round(rate * 20) / 20).to.equal(rate);
  });
});

describe('seekDistance', () => {
  it('is what the fastest rate mends in about 10 s, at least 1 s', () => {
    expect(seekDistance(1.25)).to.be.closeTo(2.5, 1e-9);
    expect(seekDistance(1.5)).to.be.closeTo(5, 1e-9);
    expect(seekDistance(1.05)).to.equal(1);
  });
});

describe('seekThreshold', () => {
  it('right after the first frame, seeks from half a second behind: a start from a playlist older than it looked', () => {
    expect(seekThreshold(2_000, 1.25)).to.equal(0.5);
    expect(seekThreshold(14_000, 1.5)).to.equal(0.5);
  });

  it('before the first frame and once playback has settled, leaves what the rate mends to the rate', () => {
    expect(seekThreshold(null, 1.25)).to.equal(seekDistance(1.25));
    expect(seekThreshold(16_000, 1.25)).to.equal(seekDistance(1.25));
  });
});
