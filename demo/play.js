// play.html, as AMS serves it: the same query parameters, played through the page's own host (the
// CloudFront distribution). Built with DOM calls only, so a strict CSP allows it.
import { reportPlayer, reportToParent } from './frame-report.js';
import { configurePlayer, readPlayOptions } from './play-options.js';

const area = document.getElementById('player-area');

function showError(message) {
  const error = document.createElement('p');
  error.className = 'play-error';
  error.setAttribute('role', 'alert');
  error.textContent = message;
  area.append(error);
}

const options = readPlayOptions(window.location.search, window.location.pathname);

if (!options.ok) {
  showError(options.message);
  reportToParent({ type: 'options-error', parameter: options.parameter, message: options.message });
} else if (!customElements.get('ams-cdn-player')) {
  // Module scripts run in document order, so the player script has run by now if it loaded.
  showError('The player script ams-cdn-player.js did not load: copy it (and its chunks) next to play.html.');
  reportToParent({ type: 'script-error' });
} else {
  const player = document.createElement('ams-cdn-player');
  configurePlayer(player, options);
  reportPlayer(player);
  area.append(player);
}
