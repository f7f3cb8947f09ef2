import { expect } from '@open-wc/testing';
import type { EdgeLogEntry } from './emulator.js';

/** The test emulator's 404 Error Caching Minimum TTL (web-test-runner.config.mjs). */
export const errorTtlMs = 3000;

/**
 * At most one request per URL per TTL window: after a 404, the URL is asked for again only once the
 * edge's cached copy has expired, so no 404 ever comes from the edge cache (a wasted request).
 * `requests` are one URL's log entries, oldest first.
 */
export function expectTtlRhythm(requests: readonly EdgeLogEntry[]): void {
  const wasted = requests.filter((entry) => entry.status === 404 && !entry.originRequest);
  expect(wasted, `cached 404s fetched again: ${JSON.stringify(wasted)}`).to.deep.equal([]);
  for (const [index, entry] of requests.entries()) {
    const next = requests[index + 1];
    if (entry.status === 404 && next) expect(next.time - entry.time, `retry of ${entry.path}`).to.be.at.least(errorTtlMs - 100);
  }
}
