import { expect } from '@open-wc/testing';
import { catchUpRate } from '../../src/live-catch-up.js';

/** What catchUpRate decides from, named. */
interface CatchUpState {
  latency: number;
  targetLatency: number;
  liveRange: number;
  bufferAhead: number;
  minimumBuffer: number;
  maxRate: number;
  currentRate: number;
}

const rateFor = (state: CatchUpState): number =>
  catchUpRate(state.latency - state.targetLatency, state.liveRange, state.bufferAhead, state.minimumBuffer, state.maxRate, state.currentRate);

/** Apple-style LL-HLS at its 0.6 s hold-back, 0.4 s late, with 0.9 s buffered. */
const lateLowLatency: CatchUpState = {
  latency: 1.0,
  targetLatency: 0.6,
  liveRange: 2.6,
  bufferAhead: 0.9,
  minimumBuffer: 0.4,
  maxRate: 1.5,
  currentRate: 1,
};

describe('catchUpRate', () => {
  it('speeds up while behind the target with enough buffer, more the further behind', () => {
    const slightly = rateFor({ ...lateLowLatency, latency: 0.75 });
    const far = rateFor({ ...lateLowLatency, latency: 1.4 });
    expect(slightly).to.be.greaterThan(1);
    expect(far).to.be.greaterThan(slightly);
  });

  it('never passes the maximum rate', () => {
    expect(rateFor({ ...lateLowLatency, latency: 2.5, maxRate: 1.25 })).to.equal(1.25);
  });

  it('plays at normal speed when the buffer ahead is below the minimum, so catching up cannot stall', () => {
    expect(rateFor({ ...lateLowLatency, bufferAhead: 0.3 })).to.equal(1);
    expect(rateFor({ ...lateLowLatency, bufferAhead: 0.3, currentRate: 1.2 })).to.equal(1);
  });

  it('leaves a viewer watching back in time alone', () => {
    expect(rateFor({ ...lateLowLatency, latency: 3.5 })).to.equal(1);
  });

  it('starts only past a small distance and then keeps going until close to the target', () => {
    const nearTarget = { ...lateLowLatency, latency: 0.66 };
    expect(rateFor(nearTarget)).to.equal(1);
    expect(rateFor({ ...nearTarget, currentRate: 1.1 })).to.be.greaterThan(1);
    expect(rateFor({ ...nearTarget, latency: 0.61, currentRate: 1.1 })).to.equal(1);
  });

  it('uses steps of 0.05', () => {
    const rate = rateFor(lateLowLatency);
    expect(Math.round(rate * 20) / 20).to.equal(rate);
  });
});
