// The secured-stream demo (demo/secured.html), served by the edge that runs the token check. It
// mints a play token from the emulator (POST /__edge/play-token, standing in for the site's backend,
// which signs with the AMS application's JWT secret) and gives it to the player. The token is never
// shown or logged; the player's events, which the frame reports, carry none.
import { reportPlayer } from './frame-report.js';

const streamId = 'secure01';

/** A play token for `forStream`, signed with the edge's secret by the emulator. */
async function mintToken(forStream) {
  const response = await fetch(`/__edge/play-token?streamId=${encodeURIComponent(forStream)}&expiresIn=3600`, { method: 'POST' });
  if (!response.ok) throw new Error(`the emulator minted no token (HTTP ${response.status})`);
  return (await response.json()).token;
}

/** Replaces the player with one for secure01 and the chosen token. */
async function play(choice) {
  const container = document.getElementById('secured-player');
  const player = document.createElement('ams-cdn-player');
  player.setAttribute('stream-id', streamId);
  player.setAttribute('play-order', 'll-hls,hls');
  for (const name of ['controls', 'autoplay', 'muted', 'playsinline']) player.setAttribute(name, '');
  if (choice !== 'none') player.token = await mintToken(choice === 'own' ? streamId : 'stream01');
  reportPlayer(player);
  container.replaceChildren(player);
}

const chosen = () => document.querySelector('input[name="token"]:checked')?.value ?? 'own';
for (const input of document.querySelectorAll('input[name="token"]')) input.addEventListener('change', () => void play(chosen()));
// ?token=other or ?token=none picks another case at load (for links and tests).
const asked = new URLSearchParams(location.search).get('token');
const first = ['own', 'other', 'none'].includes(asked) ? asked : 'own';
const radio = document.querySelector(`input[name="token"][value="${first}"]`);
if (radio) radio.checked = true;
void play(first);
