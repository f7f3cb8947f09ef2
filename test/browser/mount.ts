import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { AmsCdnPlayer, PlayerErrorDetail } from '../../src/index.js';
import type { PlayerStatus } from '../../src/common/player-status.js';
import { tracePlayer } from './trace.js';
import { describeOnTimeout } from './wait.js';

export interface MountedPlayer {
  /** What happened to the player so far, for a failed wait's message. */
  trace: ReturnType<typeof tracePlayer>;
  player: AmsCdnPlayer;
  /** Every status the player announced, in order. */
  statuses: PlayerStatus[];
  errors: PlayerErrorDetail[];
  remove(): void;
}

const mounted = new Set<MountedPlayer>();
/** Every player mounted since the current test began, removed or not: a failed test's message shows them all. */
let mountedInTest: MountedPlayer[] = [];
const traceHeading = 'Trace of player';
const describePlayers = (players: MountedPlayer[], lastLines?: number): string =>
  players.map(({ player, trace }, index) => `${traceHeading} ${index + 1} (${player.getAttribute('stream-id') ?? 'no stream-id'}):\n${trace.text(lastLines)}`).join('\n\n');
describeOnTimeout(() => describePlayers(mountedInTest));

/**
 * The test running and the end of each player's trace, told to the test server every 2 s
 * (web-test-runner.config.mjs): a page that freezes can no longer say what it was doing.
 */
let currentTest = '';
beforeEach(function () {
  currentTest = this.currentTest?.fullTitle() ?? '';
  mountedInTest = [];
});
setInterval(() => {
  if (currentTest) executeServerCommand('page-progress', { test: currentTest, players: describePlayers([...mounted], 12) }).catch(() => {});
}, 2000);
// Root hooks run after each file's own, which remove the players: the traces outlive them.
afterEach(function () {
  const test = this.currentTest;
  if (test?.state !== 'failed' || !test.err || mountedInTest.length === 0 || test.err.message.includes(traceHeading)) return;
  test.err.message += `\n${describePlayers(mountedInTest)}`;
});

/** Creates a player with these attributes, listening before it connects so no event is missed. */
export function mountPlayer(attributes: Record<string, string | true>): MountedPlayer {
  const player = document.createElement('ams-cdn-player');
  for (const [name, value] of Object.entries(attributes)) player.setAttribute(name, value === true ? '' : value);
  const statuses: PlayerStatus[] = [];
  const errors: PlayerErrorDetail[] = [];
  player.addEventListener('status-change', (event) => statuses.push(event.detail.status));
  player.addEventListener('player-error', (event) => errors.push(event.detail));
  const trace = tracePlayer(player);
  document.body.append(player);
  const result: MountedPlayer = {
    trace,
    player,
    statuses,
    errors,
    remove: () => {
      player.remove();
      result.trace.stop();
      mounted.delete(result);
    },
  };
  mounted.add(result);
  mountedInTest.push(result);
  return result;
}

/** Removes every player a test left behind, so one test's stream never loads during the next. */
export async function removeAllPlayers(): Promise<void> {
  for (const entry of [...mounted]) entry.remove();
}

declare global {
  interface HTMLElementEventMap {
    'status-change': CustomEvent<{ status: PlayerStatus; previous: PlayerStatus }>;
    'player-error': CustomEvent<PlayerErrorDetail>;
  }
}
