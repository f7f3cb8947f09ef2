import { expect } from '@open-wc/testing';
import { PlayerError } from '../../src/player-error.js';
import { parseSeconds } from '../../src/player-inputs.js';

describe('parseSeconds', () => {
  const valid: [string | number | null, number | null][] = [
    [null, 7],
    ['', 7],
    ['  ', 7],
    ['2.5', 2.5],
    [' 4 ', 4],
    [3, 3],
  ];
  for (const [input, expected] of valid) {
    it(`reads ${JSON.stringify(input)} as ${expected}`, () => {
      expect(parseSeconds(input, 'target-latency', { fallback: 7 })).to.equal(expected);
    });
  }

  const invalid: [string | number, RegExp][] = [
    ['-1', /negative/],
    [-0.5, /negative/],
    ['soon', /not a number/],
    ['Infinity', /not a number/],
    ['0', /more than 0/],
  ];
  for (const [input, problem] of invalid) {
    it(`rejects ${JSON.stringify(input)} with an error naming the attribute`, () => {
      let caught: unknown;
      try {
        parseSeconds(input, 'target-latency', { fallback: null });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(PlayerError);
      const error = caught as PlayerError;
      expect(error.code).to.equal('invalid-input');
      expect(error.attribute).to.equal('target-latency');
      expect(error.message).to.match(/^target-latency: /).and.match(problem);
    });
  }

  it('accepts zero where zero means something (error-ttl 0: the CDN caches no 404)', () => {
    expect(parseSeconds('0', 'error-ttl', { fallback: 3, allowZero: true })).to.equal(0);
  });
});
