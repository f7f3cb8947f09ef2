import { expect } from '@open-wc/testing';
import { bufferAhead, dvrMinimumSeconds, formatBitrate, formatClock, formatSeconds, seekWindow, liveEdgeState, renditionLabel, seekPosition } from '../../src/ui/format.js';
import { focusKind, keyAction } from '../../src/ui/keyboard.js';

describe('controls: what they show', () => {
  it('formats seconds with one decimal below 10 s and whole seconds above', () => {
    expect(formatSeconds(0.84)).to.equal('0.8 s');
    expect(formatSeconds(9.94)).to.equal('9.9 s');
    expect(formatSeconds(12.4)).to.equal('12 s');
  });

  it('formats bitrates and names renditions by height, else bitrate, else name', () => {
    expect(formatBitrate(500_000)).to.equal('500 kbps');
    expect(formatBitrate(2_500_000)).to.equal('2.5 Mbps');
    expect(renditionLabel({ height: 360, bitrate: 500_000 })).to.equal('360p');
    expect(renditionLabel({ bitrate: 200_000 })).to.equal('200 kbps');
    expect(renditionLabel({ name: 'audio' })).to.equal('audio');
  });

  it('counts as at the live edge within 1.5 s of the sync position, or of the target latency without one', () => {
    expect(liveEdgeState({ latency: null, targetLatency: 3 })).to.equal(null);
    expect(liveEdgeState({ latency: 4.4, targetLatency: 3 })).to.deep.equal({ atLiveEdge: true, behindSeconds: 4 });
    expect(liveEdgeState({ latency: 4.6, targetLatency: 3 })).to.deep.equal({ atLiveEdge: false, behindSeconds: 5 });
    // The sync position decides when there is one: a playlist's age does not make it flicker.
    expect(liveEdgeState({ latency: 5, targetLatency: 3, syncPosition: 100, currentTime: 99 })!.atLiveEdge).to.equal(true);
    expect(liveEdgeState({ latency: 5, targetLatency: 3, syncPosition: 100, currentTime: 98 })!.atLiveEdge).to.equal(false);
    // No target (native HLS): a fallback of 6 s.
    expect(liveEdgeState({ latency: 7, targetLatency: null })!.atLiveEdge).to.equal(true);
  });

  it('measures the buffer ahead of the playhead in the range that holds it', () => {
    const ranges = (...pairs: [number, number][]): TimeRanges => ({
      length: pairs.length,
      start: (index: number) => pairs[index]![0],
      end: (index: number) => pairs[index]![1],
    });
    expect(bufferAhead(ranges([10, 20], [30, 40]), 12)).to.equal(8);
    expect(bufferAhead(ranges([10, 20], [30, 40]), 34)).to.equal(6);
    expect(bufferAhead(ranges([10, 20]), 25), 'a gap: nothing ahead').to.equal(0);
    expect(bufferAhead(ranges(), 5)).to.equal(0);
  });

  it('keeps seeks inside the DVR window', () => {
    expect(seekPosition(20, -5, { start: 10, end: 40 })).to.equal(15);
    expect(seekPosition(12, -5, { start: 10, end: 40 })).to.equal(10);
    expect(seekPosition(38, 5, { start: 10, end: 40 })).to.equal(40);
    expect(seekPosition(20, 5, null)).to.equal(null);
  });
});

describe('controls: keyboard shortcuts', () => {
  const key = (value: string, modifiers: Partial<KeyboardEvent> = {}) => ({ key: value, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

  it('maps space/k, m, f and the arrows', () => {
    expect(keyAction(key(' '), 'other')).to.equal('toggle-play');
    expect(keyAction(key('k'), 'other')).to.equal('toggle-play');
    expect(keyAction(key('K'), 'button')).to.equal('toggle-play');
    expect(keyAction(key('m'), 'other')).to.equal('toggle-mute');
    expect(keyAction(key('f'), 'other')).to.equal('toggle-fullscreen');
    expect(keyAction(key('ArrowLeft'), 'button')).to.equal('seek-back');
    expect(keyAction(key('ArrowRight'), 'other')).to.equal('seek-forward');
    expect(keyAction(key('ArrowUp'), 'other')).to.equal('volume-up');
    expect(keyAction(key('ArrowDown'), 'other')).to.equal('volume-down');
    expect(keyAction(key('Home'), 'other')).to.equal('seek-start');
    expect(keyAction(key('End'), 'button')).to.equal('go-live');
    expect(keyAction(key('x'), 'other')).to.equal(null);
  });

  it('leaves keys to the focused control and to the browser', () => {
    expect(keyAction(key(' '), 'button'), 'space clicks a button').to.equal(null);
    expect(keyAction(key('ArrowLeft'), 'slider'), 'arrows move a slider').to.equal(null);
    expect(keyAction(key('ArrowDown'), 'menu'), 'arrows move through a menu').to.equal(null);
    expect(keyAction(key('Home'), 'slider'), 'Home moves a slider').to.equal(null);
    expect(keyAction(key('f', { ctrlKey: true }), 'other'), 'ctrl+f finds').to.equal(null);
    expect(keyAction(key('k', { metaKey: true }), 'other')).to.equal(null);
    expect(focusKind(document.createElement('button'))).to.equal('button');
    expect(focusKind(document.createElement('input'))).to.equal('slider');
    expect(focusKind(document.createElement('select'))).to.equal('menu');
    expect(focusKind(undefined)).to.equal('other');
  });
});

describe('formatClock', () => {
  it('shows minutes and seconds, hours when there are any', () => {
    expect(formatClock(0)).to.equal('0:00');
    expect(formatClock(7.9)).to.equal('0:07');
    expect(formatClock(65)).to.equal('1:05');
    expect(formatClock(3665)).to.equal('1:01:05');
    expect(formatClock(-1)).to.equal('0:00');
  });
});

describe('seekWindow', () => {
  it('covers a recording from 0 to its length', () => {
    expect(seekWindow({ seekable: { start: 0, end: 8 }, duration: 8, liveSyncPosition: null })).to.deep.equal({ start: 0, end: 8, live: false });
  });

  it('covers a live window long enough to rewind in, up to where the player plays at its target', () => {
    const long = { start: 100, end: 100 + dvrMinimumSeconds + 60 };
    expect(seekWindow({ seekable: long, duration: Infinity, liveSyncPosition: long.end - 3 })).to.deep.equal({ start: 100, end: long.end - 3, live: true });
    expect(seekWindow({ seekable: long, duration: Infinity, liveSyncPosition: null })).to.deep.equal({ ...long, live: true });
  });

  it('gives none for AMS\'s default 30 s window, or before anything is seekable', () => {
    expect(seekWindow({ seekable: { start: 100, end: 130 }, duration: Infinity, liveSyncPosition: 127 })).to.equal(null);
    expect(seekWindow({ seekable: null, duration: NaN, liveSyncPosition: null })).to.equal(null);
  });
});
