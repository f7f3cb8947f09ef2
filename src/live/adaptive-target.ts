/**
 * The target latency, learned from how late the stream's media actually arrives.
 *
 * To play without stalling, the player must stay at least as far behind the live edge as the
 * newest media was behind it when it arrived: a segment's whole duration (it is published when
 * complete), plus the server's jitter, plus the time to notice and download it. So the target is
 * the latest such arrival plus a margin, never below the floor. One late arrival (a network
 * hiccup, an encoder's pause) counts in full at first and its excess over the usual arrival fades
 * over the next 20 s: a stream that is late again and again keeps its target up, one that was late
 * once brings the player back down. A stall keeps the player where it resumed (a stall says the
 * target was too small), and that allowance fades the same way. (hls.js's own
 * liveSyncOnStallIncrease only ever goes up.)
 *
 * Pure: the caller passes every time, in milliseconds of one clock.
 */
export interface AdaptiveTargetOptions {
  /** The target until enough arrivals are seen (the playlist's hold-back, or AMS's 3 s for HLS). */
  initialSeconds: number;
  /**
   * Never below this: the hold-back the server states (PART-HOLD-BACK, the HLS spec's minimum for
   * clients), or one segment or part when it states none (nothing plays before it exists).
   */
  floorSeconds: number;
  /** Seconds between new segments or parts: sizes the margin and the stall allowance. */
  publishIntervalSeconds: number;
}

/** How long a late arrival's excess, or a stall's allowance, takes to fade. */
const memoryMs = 20_000;
/** Arrivals needed before the learned figure replaces the initial one. */
const arrivalsNeeded = 3;

interface Arrival {
  at: number;
  /** Seconds behind the live edge the media's start was when it arrived. */
  secondsBehindEdge: number;
}

interface StallAllowance {
  /** The latency the player resumed at after the stall (seconds). */
  seconds: number;
  endedAt: number;
}

/**
 * Headroom over the latest arrival, for jitter not seen yet and the catch-up's own steps: a share
 * of the interval on short ones, where a part's arrival varies by a larger share of it, but no
 * more beyond 2 s: an encoder's or a CDN's jitter (0.1 to 0.3 s) does not grow with the segment,
 * and the jitter seen is already in the learned figure (0.55 s on 6 s segments was latency for nothing).
 */
export function targetMarginSeconds(publishIntervalSeconds: number): number {
  return 0.1 + 0.075 * Math.min(publishIntervalSeconds, 2);
}

/** What the catch-up steers by: a target that learns, or one the page pinned. */
export interface TargetLatency {
  targetAt(now: number): number;
  recordArrival(secondsBehindEdge: number, at: number): void;
  recordStall(latencySeconds: number, at: number): void;
}

/** The page's `target-latency`: kept whatever the stream does. */
export function pinnedTarget(seconds: number): TargetLatency {
  return { targetAt: () => seconds, recordArrival() {}, recordStall() {} };
}

export class AdaptiveTarget implements TargetLatency {
  readonly #options: AdaptiveTargetOptions;
  #arrivals: Arrival[] = [];
  #stall: StallAllowance | null = null;

  constructor(options: AdaptiveTargetOptions) {
    this.#options = options;
  }

  get marginSeconds(): number {
    return targetMarginSeconds(this.#options.publishIntervalSeconds);
  }

  /** Media at the live edge arrived: its start was `secondsBehindEdge` behind the edge by then. */
  recordArrival(secondsBehindEdge: number, at: number): void {
    this.#arrivals.push({ at, secondsBehindEdge });
    this.#arrivals = this.#arrivals.filter((arrival) => at - arrival.at <= memoryMs);
  }

  /** Playback stalled and resumed at `latencySeconds` behind the edge. */
  recordStall(latencySeconds: number, at: number): void {
    // The stall says the target was too small, by about a part or a segment; more than that is an
    // outage or a start-up hiccup, not the stream's pace: the catch-up mends it.
    const ceiling = this.targetAt(at) + this.#options.publishIntervalSeconds;
    this.#stall = { seconds: Math.min(latencySeconds, ceiling), endedAt: at };
  }

  targetAt(now: number): number {
    const { initialSeconds, floorSeconds } = this.#options;
    const recent = this.#arrivals.filter((arrival) => now - arrival.at <= memoryMs);
    const learned = recent.length >= arrivalsNeeded ? this.#latestArrival(recent, now) + this.marginSeconds : initialSeconds;
    return Math.max(floorSeconds, learned, this.#stallAllowanceAt(now));
  }

  /** The latest of the recent arrivals, each one's excess over the usual (the median) faded by its age. */
  #latestArrival(recent: Arrival[], now: number): number {
    const sorted = recent.map((arrival) => arrival.secondsBehindEdge).sort((a, b) => a - b);
    const usual = sorted[Math.floor(sorted.length / 2)]!;
    const faded = recent.map(({ at, secondsBehindEdge }) => usual + Math.max(0, secondsBehindEdge - usual) * (1 - (now - at) / memoryMs));
    return Math.max(...faded);
  }

  /** The latency a stall left, fading linearly to nothing over `memoryMs`. */
  #stallAllowanceAt(now: number): number {
    if (!this.#stall) return 0;
    const fade = Math.max(0, 1 - (now - this.#stall.endedAt) / memoryMs);
    return this.#stall.seconds * fade;
  }
}
