import '../../src/index.js';
import type { AmsCdnPlayer, PlayerErrorDetail } from '../../src/index.js';
import type { PlayerStatus } from '../../src/player-status.js';

export interface MountedPlayer {
  player: AmsCdnPlayer;
  /** Every status the player announced, in order. */
  statuses: PlayerStatus[];
  errors: PlayerErrorDetail[];
  remove(): void;
}

const mounted = new Set<MountedPlayer>();

/** Creates a player with these attributes, listening before it connects so no event is missed. */
export function mountPlayer(attributes: Record<string, string | true>): MountedPlayer {
  const player = document.createElement('ams-cdn-player');
  for (const [name, value] of Object.entries(attributes)) player.setAttribute(name, value === true ? '' : value);
  const statuses: PlayerStatus[] = [];
  const errors: PlayerErrorDetail[] = [];
  player.addEventListener('status-change', (event) => statuses.push(event.detail.status));
  player.addEventListener('player-error', (event) => errors.push(event.detail));
  document.body.append(player);
  const result: MountedPlayer = {
    player,
    statuses,
    errors,
    remove: () => {
      player.remove();
      mounted.delete(result);
    },
  };
  mounted.add(result);
  return result;
}

/**
 * WebKitGTK (Safari's engine, without Chrome's or Firefox's name in its user agent) whose web
 * process stopped answering when a new video started playing while the one just removed was
 * still tearing its GStreamer pipeline down.
 */
const isWebKitGtk = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);
const webKitTeardownMs = 3000;

/**
 * Removes every player a test left behind, so one test's stream never loads during the next. In
 * WebKitGTK, it then gives the removed videos' media pipelines time to close before the next test.
 */
export async function removeAllPlayers(): Promise<void> {
  const removed = [...mounted];
  for (const entry of removed) entry.remove();
  if (isWebKitGtk && removed.length > 0) await new Promise((resolve) => setTimeout(resolve, webKitTeardownMs));
}

declare global {
  interface HTMLElementEventMap {
    'status-change': CustomEvent<{ status: PlayerStatus; previous: PlayerStatus }>;
    'player-error': CustomEvent<PlayerErrorDetail>;
  }
}
