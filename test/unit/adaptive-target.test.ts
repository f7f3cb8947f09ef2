import { expect } from '@open-wc/testing';
import { AdaptiveTarget, pinnedTarget } from '../../src/live/adaptive-target.js';

/** AMS HLS: 2 s segments, 3 s to start with, never under one segment. */
const hlsTarget = () => new AdaptiveTarget({ initialSeconds: 3, floorSeconds: 2, publishIntervalSeconds: 2 });

describe('AdaptiveTarget', () => {
  it('keeps the initial target until a few arrivals are seen, then the latest arrival plus a margin', () => {
    const target = hlsTarget();
    expect(target.targetAt(0)).to.equal(3);
    target.recordArrival(2.2, 1_000);
    target.recordArrival(2.1, 3_000);
    expect(target.targetAt(3_000)).to.equal(3);
    target.recordArrival(2.3, 5_000);
    target.recordArrival(2.15, 7_000);
    // The latest arrival, 2 s old: its excess over the usual has faded a tenth.
    expect(target.targetAt(7_000)).to.be.closeTo(2.2 + 0.1 * 0.9 + target.marginSeconds, 1e-9);
    expect(target.targetAt(7_000)).to.be.below(3);
  });

  it('lets a single late arrival fade over 20 s, so the target comes back down', () => {
    const target = hlsTarget();
    for (let time = 0; time <= 8_000; time += 2_000) target.recordArrival(2.1, time);
    target.recordArrival(3.4, 10_000);
    expect(target.targetAt(10_000)).to.be.closeTo(3.4 + target.marginSeconds, 1e-9);
    for (let time = 12_000; time <= 30_000; time += 2_000) target.recordArrival(2.1, time);
    // Half faded after 10 s, gone after 20 s.
    expect(target.targetAt(20_000)).to.be.closeTo(2.1 + 1.3 / 2 + target.marginSeconds, 1e-9);
    expect(target.targetAt(30_000)).to.be.closeTo(2.1 + target.marginSeconds, 1e-9);
  });

  it('stays up for a stream that is late again and again', () => {
    const target = hlsTarget();
    for (let time = 0; time <= 60_000; time += 2_000) target.recordArrival(time % 8_000 === 0 ? 3.4 : 2.1, time);
    expect(target.targetAt(60_000)).to.be.at.least(3.4 - 1.3 / 2 + target.marginSeconds);
  });

  it('never goes below its floor', () => {
    const target = new AdaptiveTarget({ initialSeconds: 0.6, floorSeconds: 0.6, publishIntervalSeconds: 0.2 });
    for (let time = 0; time <= 2_000; time += 200) target.recordArrival(0.25, time);
    expect(target.targetAt(2_000)).to.equal(0.6);
  });

  it('rises to where a stall left the player, then fades back over 20 s', () => {
    const target = hlsTarget();
    for (let time = 0; time <= 8_000; time += 2_000) target.recordArrival(2.2, time);
    const steady = target.targetAt(8_000);
    target.recordStall(steady + 0.8, 9_000);
    expect(target.targetAt(9_000)).to.be.closeTo(steady + 0.8, 1e-9);
    expect(target.targetAt(15_000)).to.be.below(steady + 0.8);
    for (let time = 10_000; time <= 30_000; time += 2_000) target.recordArrival(2.2, time);
    expect(target.targetAt(30_000)).to.be.closeTo(steady, 1e-9);
  });

  it('takes an outage for what it is: a stall far longer than a segment raises the target by one segment at most', () => {
    const target = hlsTarget();
    for (let time = 0; time <= 8_000; time += 2_000) target.recordArrival(2.2, time);
    const steady = target.targetAt(8_000);
    target.recordStall(14, 9_000);
    expect(target.targetAt(9_000)).to.be.closeTo(steady + 2, 1e-9);
  });
});

describe('pinnedTarget', () => {
  it('keeps the page’s figure whatever arrives or stalls', () => {
    const target = pinnedTarget(1.5);
    target.recordArrival(4, 0);
    target.recordStall(6, 0);
    expect(target.targetAt(0)).to.equal(1.5);
  });
});
