// play.html, as AMS serves it: the same query parameters, played through the page's own host
// (the CloudFront distribution). Built with DOM calls only, so a strict CSP allows it.

const query = new URLSearchParams(window.location.search);

/** AMS play.html parameter -> element attribute. */
const passThrough = {
  playOrder: 'play-order',
  token: 'token',
  subscriberId: 'subscriber-id',
  subscriberCode: 'subscriber-code',
  targetLatency: 'target-latency',
};

const player = document.createElement('ams-cdn-player');
const streamId = query.get('id') ?? query.get('name');
if (streamId !== null) player.setAttribute('stream-id', streamId);
for (const [parameter, attribute] of Object.entries(passThrough)) {
  const value = query.get(parameter);
  if (value !== null) player.setAttribute(attribute, value);
}
if (query.get('autoplay') !== 'false') player.setAttribute('autoplay', '');
if (query.get('mute') === 'true') player.setAttribute('muted', '');
player.setAttribute('controls', '');
player.setAttribute('playsinline', '');
document.getElementById('player-area').append(player);
