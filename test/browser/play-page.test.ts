import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import type { AmsCdnPlayer } from '../../src/index.js';
import type { PlayerStatus } from '../../src/common/player-status.js';
import { configurePlayer, readPlayOptions, type PlayOptions } from '../../demo/play-options.js';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { openFrame, removeAllFrames, type FrameMessage } from './frames.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** Live for a while already, so the playlist has a full window when the player arrives. */
const liveSince = -30;

function options(search: string, pathname = '/play.html'): PlayOptions {
  const result = readPlayOptions(search, pathname);
  if (!result.ok) throw new Error(`expected options, got ${result.message}`);
  return result;
}

function optionsError(search: string): { parameter: string; message: string } {
  const result = readPlayOptions(search, '/play.html');
  if (result.ok) throw new Error(`expected an error for ${search}`);
  return result;
}

const players = new Set<AmsCdnPlayer>();

/**
 * Configures a player from a play.html query, as play.js does, and adds it to the test page. The
 * page's own host is the player's default domain; here that is the edge, so it is set explicitly.
 */
function mountFromQuery(search: string): { player: AmsCdnPlayer; statuses: PlayerStatus[] } {
  const player = document.createElement('ams-cdn-player');
  configurePlayer(player, options(search));
  player.setAttribute('domain', edgeUrl);
  const statuses: PlayerStatus[] = [];
  player.addEventListener('status-change', (event) => statuses.push(event.detail.status));
  document.body.append(player);
  players.add(player);
  return { player, statuses };
}

function unmuteButton(player: AmsCdnPlayer): Element | null {
  return player.shadowRoot!.querySelector('[part~="unmute-button"]');
}

function isPlaying(message: FrameMessage): boolean {
  return message.type === 'status-change' && message.status === 'playing';
}

function removeAll(): void {
  for (const player of players) player.remove();
  players.clear();
  removeAllFrames();
}

describe('play.html query parameters -> player configuration', () => {
  it('maps id, playOrder, token, subscriberId, subscriberCode and targetLatency to the attributes', () => {
    const result = options('?id=stream1&playOrder=ll-hls,hls&token=a%20token&subscriberId=viewer7&subscriberCode=123456&targetLatency=2.5');
    expect(result.attributes).to.deep.equal({
      'stream-id': 'stream1',
      'play-order': 'll-hls,hls',
      token: 'a token',
      'subscriber-id': 'viewer7',
      'subscriber-code': '123456',
      'target-latency': '2.5',
      controls: '',
      playsinline: '',
      autoplay: '',
    });
    expect(result.soundOnly).to.equal(false);
  });

  it('maps backupStreamId and backupToken to backup-stream-id and backup-token', () => {
    const result = options('?id=stream1&backupStreamId=spare&token=main-token&backupToken=spare-token');
    expect(result.attributes).to.include({ 'stream-id': 'stream1', 'backup-stream-id': 'spare', token: 'main-token', 'backup-token': 'spare-token' });
  });

  it('reads name as the stream id when id is absent or empty, as AMS does', () => {
    expect(options('?name=stream2').attributes['stream-id']).to.equal('stream2');
    expect(options('?id=&name=stream2').attributes['stream-id']).to.equal('stream2');
    expect(options('?id=stream1&name=stream2').attributes['stream-id']).to.equal('stream1');
  });

  it('autoplays unless autoplay=false', () => {
    expect(options('?id=s').autoplay).to.equal(true);
    expect(options('?id=s').attributes).to.have.property('autoplay');
    expect(options('?id=s&autoplay=true').attributes).to.have.property('autoplay');
    const off = options('?id=s&autoplay=false');
    expect(off.autoplay).to.equal(false);
    expect(off.attributes).not.to.have.property('autoplay');
  });

  it('mute: absent tries sound with a muted fallback, true starts muted, false asks for sound only', () => {
    const unset = options('?id=s');
    expect(unset.attributes).not.to.have.property('muted');
    expect(unset.soundOnly).to.equal(false);
    const muted = options('?id=s&mute=true');
    expect(muted.attributes).to.have.property('muted');
    expect(muted.attributes).to.have.property('autoplay');
    const sound = options('?id=s&mute=false');
    expect(sound.attributes).not.to.have.property('muted');
    // The element's autoplay would fall back to muted, so play.html starts playback itself.
    expect(sound.attributes).not.to.have.property('autoplay');
    expect(sound.soundOnly).to.equal(true);
    expect(options('?id=s&mute=false&autoplay=false').soundOnly).to.equal(false);
  });

  it('keeps the HLS and recording entries of an AMS play order and skips webrtc and dash', () => {
    expect(options('?id=s&playOrder=webrtc,ll-hls,hls').attributes['play-order']).to.equal('ll-hls,hls');
    expect(options('?id=s&playOrder=dash,hls,vod&playType=webm,mp4').attributes).to.include({ 'play-order': 'hls,vod', 'play-type': 'webm,mp4' });
    expect(options('?id=s&playOrder=HLS').attributes['play-order']).to.equal('hls');
    expect(options('?id=s').attributes).not.to.have.property('play-order');
  });

  it('plays from the page directory: the AMS app when opened on the server, nothing through CloudFront', () => {
    expect(options('?id=s', '/play.html').attributes).not.to.have.property('app');
    expect(options('?id=s', '/live/play.html').attributes.app).to.equal('live');
  });

  it('reports a missing id as an error naming the id parameter', () => {
    for (const search of ['', '?playOrder=hls', '?id=%20%20', '?name=']) {
      const error = optionsError(search);
      expect(error.parameter, search).to.equal('id');
      expect(error.message, search).to.match(/^id: /).and.include('play.html?id=');
    }
  });

  it('reports a bad playOrder or targetLatency as an error naming the parameter', () => {
    expect(optionsError('?id=s&playOrder=webrtc').parameter).to.equal('playOrder');
    const typo = optionsError('?id=s&playOrder=llhls,hls');
    expect(typo.parameter).to.equal('playOrder');
    expect(typo.message).to.include('"llhls"');
    for (const latency of ['soon', '0', '-2']) {
      expect(optionsError(`?id=s&targetLatency=${latency}`).parameter, latency).to.equal('targetLatency');
    }
  });
});

describe('play.html options played through the edge emulator', () => {
  afterEach(removeAll);

  it('by default autoplays, muted when the browser refuses sound, with an unmute button', async () => {
    const id = uniqueStreamId('playdefault');
    await putStream({ id, startIn: liveSince });
    const { player } = mountFromQuery(`?id=${id}&playOrder=hls`);
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.video!.muted).to.equal(true);
    expect(unmuteButton(player)).to.not.equal(null);
  });

  it('mute=true plays muted without an unmute prompt; targetLatency sets the distance to the live edge', async () => {
    const id = uniqueStreamId('playmute');
    await putStream({ id, startIn: liveSince });
    const { player } = mountFromQuery(`?id=${id}&playOrder=hls&mute=true&targetLatency=5`);
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    expect(player.video!.muted).to.equal(true);
    expect(unmuteButton(player)).to.equal(null);
    expect(player.getAttribute('target-latency')).to.equal('5');
    expect(player.hls!.config.liveSyncDuration).to.equal(5);
    expect(player.hls!.targetLatency).to.be.at.least(5);
    await waitFor(() => (player.latency ?? 0) > 3.5, 15000, 'latency near the 5 s target');
    expect(player.latency).to.be.below(10);
  });

  it('autoplay=false loads the stream and stays idle until play() is called', async () => {
    const id = uniqueStreamId('playnoauto');
    await putStream({ id, startIn: liveSince });
    const { player, statuses } = mountFromQuery(`?id=${id}&playOrder=hls&autoplay=false&mute=true`);
    await waitFor(() => statuses.includes('idle'), 20000, 'status idle after loading');
    await sleep(3000);
    expect(statuses).to.deep.equal(['loading', 'idle']);
    expect(player.video!.paused).to.equal(true);
    await player.play();
    await waitFor(() => player.status === 'playing', 20000, 'status playing after play()');
  });

  it('mute=false asks for sound only: refused sound leaves it paused and unmuted, not muted and playing', async () => {
    const id = uniqueStreamId('playsound');
    await putStream({ id, startIn: liveSince });
    const { player, statuses } = mountFromQuery(`?id=${id}&playOrder=hls&mute=false`);
    await waitFor(() => statuses.includes('idle'), 20000, 'status idle after loading');
    await sleep(3000);
    expect(statuses).to.deep.equal(['loading', 'idle']);
    expect(player.video!.paused).to.equal(true);
    expect(player.video!.muted).to.equal(false);
    expect(unmuteButton(player)).to.equal(null);
  });
});

describe('the real play.html, loaded from the edge in a frame', () => {
  afterEach(removeAll);

  it('plays the stream in play order, sending token, subscriberId and subscriberCode on every request', async () => {
    const id = uniqueStreamId('pagell');
    await putStream({ id, startIn: liveSince, llHls: 'apple' });
    const page = openFrame(`${edgeUrl}/play.html?id=${id}&playOrder=ll-hls,hls&token=page-token-1&subscriberId=viewer7&subscriberCode=424242`);
    const playing = await page.waitForMessage(isPlaying, 25000, 'play.html to report playing');
    expect(playing.muted, 'muted fallback in a frame without a user gesture').to.equal(true);
    expect(page.messages.find((message) => message.type === 'source-change')?.playOrder).to.equal('ll-hls');
    const requests = await edgeRequestsFor(id);
    // Every play-order entry is probed at once; the first in order that is live plays.
    const paths = requests.map((request) => request.path);
    expect(paths).to.include(`/streams/ll-hls/${id}/${id}__master.m3u8`);
    expect(paths.some((path) => path.endsWith('.m4s'))).to.equal(true, 'LL-HLS parts or segments loaded');
    expect(paths.filter((path) => !path.includes('/ll-hls/') && !path.endsWith('.m3u8') && !path.startsWith('/previews/')), 'no HLS segment').to.deep.equal([]);
    for (const request of requests) {
      const query = new URLSearchParams(request.query);
      expect(query.get('token'), request.path).to.equal('page-token-1');
      expect(query.get('subscriberId'), request.path).to.equal('viewer7');
      expect(query.get('subscriberCode'), request.path).to.equal('424242');
    }
    const posted = JSON.stringify(page.messages);
    expect(posted).not.to.include('page-token-1');
    expect(posted).not.to.include('424242');
  });

  it('takes name as the stream id and plays HLS: probes the adaptive and plain playlists, plays the plain one', async () => {
    const id = uniqueStreamId('pagename');
    await putStream({ id, startIn: liveSince });
    const page = openFrame(`${edgeUrl}/play.html?name=${id}&playOrder=hls&mute=true`);
    await page.waitForMessage(isPlaying, 25000, 'play.html to report playing');
    const paths = (await edgeRequestsFor(id)).map((request) => request.path);
    expect(paths).to.include.members([`/streams/${id}_adaptive.m3u8`, `/streams/${id}.m3u8`]);
    expect(paths.some((path) => /\/streams\/[^/]+\d{9}\.ts$/.test(path))).to.equal(true, 'HLS segments loaded');
    expect(paths.some((path) => path.includes('/ll-hls/')), 'no LL-HLS request with playOrder=hls').to.equal(false);
  });

  it('autoplay=false stays idle', async () => {
    const id = uniqueStreamId('pagenoauto');
    await putStream({ id, startIn: liveSince });
    const page = openFrame(`${edgeUrl}/play.html?id=${id}&playOrder=hls&autoplay=false`);
    await page.waitForMessage((message) => message.type === 'status-change' && message.status === 'idle', 25000, 'status idle');
    await sleep(3000);
    expect(page.messages.map((message) => message.status).filter(Boolean)).to.deep.equal(['loading', 'idle']);
  });

  it('without an id shows an error naming the id parameter and requests no stream', async () => {
    const since = Date.now();
    const page = openFrame(`${edgeUrl}/play.html?playOrder=hls`);
    const error = await page.waitForMessage((message) => message.type === 'options-error', 10000, 'the options error');
    expect(error.parameter).to.equal('id');
    expect(error.message).to.match(/^id: /);
    const response = await fetch(`${edgeUrl}/__edge/log`);
    const log = (await response.json()) as { time: number; path: string }[];
    expect(log.filter((entry) => entry.time >= since && entry.path.startsWith('/streams/'))).to.deep.equal([]);
  });
});

// Runs last: the click gives this page sticky user activation, after which sound is allowed.
describe('play.html once the viewer has clicked the page', () => {
  afterEach(removeAll);

  it('mute=false plays with sound', async () => {
    await sendMouse({ type: 'click', position: [5, 5] });
    const id = uniqueStreamId('playclicked');
    await putStream({ id, startIn: liveSince });
    const { player } = mountFromQuery(`?id=${id}&playOrder=hls&mute=false`);
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.video!.muted).to.equal(false);
    expect(unmuteButton(player)).to.equal(null);
  });
});
