// The demo's start page: the playground, prefilled with the local demo stream so `npm start`
// shows a stream playing at once.
import { reportPlayer } from './frame-report.js';
import { createPlayground } from './playground.js';

createPlayground(document.getElementById('playground'), {
  domain: window.location.origin,
  streamId: 'stream01',
  playOrder: 'll-hls,hls',
  onPlayer: reportPlayer,
});
