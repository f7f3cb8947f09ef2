// play.html, as AMS serves it: the same query parameters, played through the page's own host (the
// CloudFront distribution). Built with DOM calls only, so a strict CSP allows it.
import { reportPlayer, reportToParent } from './frame-report.js';
import { configurePlayer, readPlayOptions } from './play-options.js';

const area = document.getElementById('player-area');
const options = readPlayOptions(window.location.search, window.location.pathname);

if (options.ok) {
  const player = document.createElement('ams-cdn-player');
  configurePlayer(player, options);
  reportPlayer(player);
  area.append(player);
} else {
  const error = document.createElement('p');
  error.className = 'play-error';
  error.setAttribute('role', 'alert');
  error.textContent = options.message;
  area.append(error);
  reportToParent({ type: 'options-error', parameter: options.parameter, message: options.message });
}
