import { expect } from '@open-wc/testing';
import { PlayerError } from '../../src/common/player-error.js';
import { parseSeconds } from '../../src/element/player-inputs.js';

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

  const invalid: [string | number, string][] = [
    ['-1', '"-1"'],
    [-0.5, '-0.5'],
    ['soon', '"soon"'],
    ['Infinity', '"Infinity"'],
    ['0', '"0"'],
  ];
  for (const [input, shown] of invalid) {
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
      expect(error.message).to.equal(`target-latency: ${shown} must be a number of seconds, more than 0`);
    });
  }

  it('accepts zero where zero means something (error-ttl 0: the CDN caches no 404)', () => {
    expect(parseSeconds('0', 'error-ttl', { fallback: 3, allowZero: true })).to.equal(0);
  });

  it('says zero is allowed when it is', () => {
    expect(() => parseSeconds('-3', 'error-ttl', { fallback: 3, allowZero: true })).to.throw('error-ttl: "-3" must be a number of seconds, 0 or more');
  });
});
