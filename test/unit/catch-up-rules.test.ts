import { expect } from '@open-wc/testing';
import { catchUpRate, cushionSeconds, nextMediaIn, seekDistance, seekThreshold, type CatchUpState } from '../../src/live/catch-up-rules.js';

/** Apple-style LL-HLS (200 ms parts) at its 0.6 s hold-back, 0.4 s late, 0.9 s buffered, the next part due in 0.1 s. */
const lateLowLatency: CatchUpState = {
  distance: 0.4,
  bufferAhead: 0.9,
  untilNextMedia: 0.1,
  cushion: 0.2,
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

  it('plays at normal speed when the buffer would not last until the next media with the cushion to spare', () => {
    expect(catchUpRate({ ...lateLowLatency, bufferAhead: 0.3 })).to.equal(1);
    expect(catchUpRate({ ...lateLowLatency, bufferAhead: 0.3, currentRate: 1.2 })).to.equal(1);
  });

  // Issue 31: plain HLS with 1 s fMP4 segments, the player 0.5 s behind its target with 0.7 s
  // buffered and the next segment half a second away. A fixed minimum of 0.5 s let it play at 1.25x
  // and it ran dry at each segment boundary (19 to 23 stalls in 40 s).
  it('never speeds up so far that the buffer runs out before the next segment arrives', () => {
    const oneSecondSegments: CatchUpState = { distance: 0.5, bufferAhead: 0.7, untilNextMedia: 0.5, cushion: cushionSeconds({ publishInterval: 1, recentGaps: [1, 1] }), maxRate: 1.25, currentRate: 1 };
    expect(catchUpRate(oneSecondSegments)).to.equal(1);
    // Just after a segment arrived: a second more buffered, a second to wait. (1.7 - 0.25) / 1 allows 1.25x.
    const afterArrival = { ...oneSecondSegments, bufferAhead: 1.7, untilNextMedia: 1 };
    expect(catchUpRate(afterArrival)).to.equal(1.25);
    // Whatever the rate, what is left when the next segment comes is at least the cushion.
    for (const state of [oneSecondSegments, afterArrival, { ...afterArrival, bufferAhead: 1.4 }, { ...afterArrival, bufferAhead: 1.3, untilNextMedia: 0.9 }]) {
      const rate = catchUpRate(state);
      expect(state.bufferAhead - rate * state.untilNextMedia).to.be.at.least(rate > 1 ? state.cushion - 1e-9 : -Infinity);
    }
  });

  it('catches up from any distance, not only within a target duration of the target', () => {
    expect(catchUpRate({ ...lateLowLatency, distance: 2.9, maxRate: 1.25 })).to.equal(1.25);
    expect(catchUpRate({ ...lateLowLatency, distance: 6 })).to.equal(1.5);
  });

  // On 6 s segments at the target, what is buffered lasts until the next segment with the margin to
  // spare: in steps of 1/20 the player could speed up only with 0.3 s more than that, and stayed there.
  it('where the buffer limits the rate, takes it in steps of 1/100', () => {
    const sixSecondSegments: CatchUpState = { distance: 0.3, bufferAhead: 6.5, untilNextMedia: 6, cushion: 0.25, maxRate: 1.25, currentRate: 1 };
    expect(catchUpRate(sixSecondSegments)).to.equal(1.04);
  });

  it('starts only past a small distance and then keeps going until close to the target', () => {
    // From 0.05 s behind, as hls.js's own catch-up: at 0.1 s the player sat 0.1 s behind for nothing.
    expect(catchUpRate({ ...lateLowLatency, distance: 0.06 })).to.equal(1.05);
    const nearTarget = { ...lateLowLatency, distance: 0.04 };
    expect(catchUpRate(nearTarget)).to.equal(1);
    expect(catchUpRate({ ...nearTarget, currentRate: 1.1 })).to.be.greaterThan(1);
    expect(catchUpRate({ ...nearTarget, distance: 0.01, currentRate: 1.1 })).to.equal(1);
  });

  // Traced in WebKit: an LL-HLS player 0.1 s behind the newest part (its target 0.6 s) stalled at
  // every 200 ms part for 30 s, each stall moving it back by less than a part.
  it('plays a step slower while closer to the edge than the target, until back at it', () => {
    expect(catchUpRate({ ...lateLowLatency, distance: -0.5 })).to.equal(0.95);
    expect(catchUpRate({ ...lateLowLatency, distance: -0.05 }), 'not for a hair').to.equal(1);
    expect(catchUpRate({ ...lateLowLatency, distance: -0.05, currentRate: 0.95 }), 'once slowing, until close').to.equal(0.95);
    expect(catchUpRate({ ...lateLowLatency, distance: -0.01, currentRate: 0.95 })).to.equal(1);
  });

  it('uses steps of 0.05', () => {
    const rate = catchUpRate(lateLowLatency);
    expect(Math.round(rate * 20) / 20).to.equal(rate);
  });
});

describe('nextMediaIn', () => {
  it('is one interval after the last arrival, and a quarter interval once that has passed', () => {
    expect(nextMediaIn({ sinceLastArrival: 0.3, publishInterval: 1 })).to.be.closeTo(0.7, 1e-9);
    expect(nextMediaIn({ sinceLastArrival: 1.6, publishInterval: 1 })).to.equal(0.25);
    expect(nextMediaIn({ sinceLastArrival: null, publishInterval: 2 })).to.equal(2);
  });
});

describe('cushionSeconds', () => {
  it('is a quarter of the interval, at least 0.2 s, for media that comes on time', () => {
    expect(cushionSeconds({ publishInterval: 0.2, recentGaps: [0.2, 0.19, 0.2] })).to.equal(0.2);
    expect(cushionSeconds({ publishInterval: 1, recentGaps: [] })).to.equal(0.25);
  });

  it('is no larger on longer segments, no more than the target\'s margin: on 6 s ones, 1.5 s kept the catch-up from closing the last 1.5 s', () => {
    expect(cushionSeconds({ publishInterval: 2, recentGaps: [2, 1.9] })).to.equal(0.25);
    expect(cushionSeconds({ publishInterval: 6, recentGaps: [6, 5.9] })).to.equal(0.25);
  });

  it('grows by the longest recent lateness: a segment that came 0.4 s after its interval asks for 0.4 s more', () => {
    expect(cushionSeconds({ publishInterval: 1, recentGaps: [1, 1.4, 0.6, 1] })).to.be.closeTo(0.65, 1e-9);
  });

  it('leaves out gaps of more than three intervals: a pause or an outage, not the stream\'s pace', () => {
    expect(cushionSeconds({ publishInterval: 1, recentGaps: [1, 12, 1] })).to.equal(0.25);
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
