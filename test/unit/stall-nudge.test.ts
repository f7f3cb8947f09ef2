import { expect } from '@open-wc/testing';
import { bufferAhead } from '../../src/common/media-buffer.js';
import { nudgePosition } from '../../src/hls/stall-nudge.js';

/** TimeRanges from [start, end] pairs. */
const ranges = (...pairs: [number, number][]): TimeRanges => ({ length: pairs.length, start: (index: number) => pairs[index]![0], end: (index: number) => pairs[index]![1] });

describe('stall nudge', () => {
  it('steps a playhead stalled for 250 ms with media ahead a little forward, inside the buffer', () => {
    const ahead = bufferAhead(ranges([238, 262]), 259.96);
    expect(ahead).to.be.closeTo(2.04, 1e-9);
    expect(nudgePosition({ currentTime: 259.96, ahead, stalledMs: 300, kind: 'announced' })).to.be.closeTo(260.06, 1e-9);
  });

  it('waits: before 250 ms, and with nothing (or too little) buffered ahead, which is a real underrun', () => {
    expect(nudgePosition({ currentTime: 259.96, ahead: 2, stalledMs: 100, kind: 'announced' })).to.equal(null);
    expect(nudgePosition({ currentTime: 259.96, ahead: bufferAhead(ranges([238, 260]), 259.96), stalledMs: 1000, kind: 'announced' })).to.equal(null);
    expect(bufferAhead(ranges([238, 250], [260, 262]), 255)).to.equal(0);
  });

  it('steps a clock that stands still while the video plays, with media ahead and no stall announced, after 1 s', () => {
    const ahead = bufferAhead(ranges([16, 28]), 17.03);
    expect(nudgePosition({ currentTime: 17.03, ahead, stalledMs: 500, kind: 'still-clock' })).to.equal(null);
    expect(nudgePosition({ currentTime: 17.03, ahead, stalledMs: 1000, kind: 'still-clock' })).to.be.closeTo(17.13, 1e-9);
    expect(nudgePosition({ currentTime: 27.95, ahead: bufferAhead(ranges([16, 28]), 27.95), stalledMs: 5000, kind: 'still-clock' })).to.equal(null);
  });

  it('starts a seek again a step further on when it has not finished in 2 s with its target buffered, then waits twice as long each time', () => {
    const ahead = bufferAhead(ranges([0, 28]), 1);
    expect(nudgePosition({ currentTime: 1, ahead, stalledMs: 1900, kind: 'seek' })).to.equal(null);
    expect(nudgePosition({ currentTime: 1, ahead, stalledMs: 2000, kind: 'seek' })).to.be.closeTo(1.1, 1e-9);
    expect(nudgePosition({ currentTime: 1.1, ahead, stalledMs: 3000, kind: 'seek', steps: 1 })).to.equal(null);
    expect(nudgePosition({ currentTime: 1.1, ahead, stalledMs: 4000, kind: 'seek', steps: 1 })).to.be.closeTo(1.2, 1e-9);
    // A seek to media not loaded yet waits for it, however long.
    expect(nudgePosition({ currentTime: 30, ahead: bufferAhead(ranges([0, 28]), 30), stalledMs: 60000, kind: 'seek' })).to.equal(null);
  });
});
