import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** Live for a while already, so the playlist has a full window when the player arrives. */
const liveSince = -20;

describe('<ams-cdn-player> playing through the CloudFront edge emulator', () => {
  afterEach(removeAllPlayers);

  it('plays AMS HLS (MPEG-TS, 2 s segments): loading, then playing, with frames advancing', async () => {
    const id = uniqueStreamId('hls');
    await putStream({ id, startIn: liveSince });
    const { player, statuses, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    expect(statuses[0]).to.equal('loading');
    expect(statuses).to.include('playing');
    expect(errors).to.deep.equal([]);
    expect(player.getAttribute('status')).to.equal('playing');
    expect(player.streamUrl).to.equal(`${edgeUrl}/streams/${id}.m3u8`);
    expect(player.hls?.config.lowLatencyMode).to.equal(false);
    expect(player.latency).to.be.a('number').within(0.5, 15);
  });

  it('plays the adaptive playlist of an ABR stream first, as AMS play.html does', async () => {
    const id = uniqueStreamId('abr');
    await putStream({ id, startIn: liveSince, adaptive: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.streamUrl).to.equal(`${edgeUrl}/streams/${id}_adaptive.m3u8`);
    expect(player.hls!.levels.length).to.be.at.least(2);
  });

  it('plays Apple-style LL-HLS (fMP4, 200 ms parts, blocking reload) at the playlist PART-HOLD-BACK', async () => {
    const id = uniqueStreamId('apple');
    await putStream({ id, startIn: liveSince, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    expect(player.streamUrl).to.equal(`${edgeUrl}/streams/ll-hls/${id}/${id}__master.m3u8`);
    expect(player.hls!.config.lowLatencyMode).to.equal(true);
    expect(player.latency).to.be.a('number').below(5);
    const requests = await edgeRequestsFor(id);
    expect(requests.some((request) => request.query.includes('_HLS_msn'))).to.equal(true, 'blocking playlist reloads');
  });

  it('keeps about 20 s of media behind the playhead as it plays on (flat memory over hours)', async () => {
    const id = uniqueStreamId('backbuffer');
    await putStream({ id, startIn: liveSince, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const video = player.video!;
    const behind = (): number => video.currentTime - video.buffered.start(0);
    // Trimmed once more than 2 s past the 20 s kept (back-buffer.ts).
    await waitFor(() => behind() > 18, 40000, '18 s of media behind the playhead');
    await framesAdvance(video, 6, 30000);
    expect(behind(), 'seconds buffered behind the playhead').to.be.within(15, 23);
  });

  it('plays AMS-style LL-HLS (MPEG-TS, 1 s parts, no PART-HOLD-BACK) at a hold-back derived from the parts', async () => {
    const id = uniqueStreamId('amsll');
    await putStream({ id, startIn: liveSince, llHls: 'ams' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    // hls.js alone would sit three 2 s segments (6 s) behind. The player starts at 2 part targets
    // (2 s) and, as parts arrive on time, learns its way down to no less than one part (1 s).
    expect(player.hls!.targetLatency).to.be.within(1, 4);
  });

  it('sends token, subscriberId and subscriberCode on every manifest, playlist, segment and part request', async () => {
    const id = uniqueStreamId('token');
    await putStream({ id, startIn: liveSince, llHls: 'apple' });
    const { player } = mountPlayer({
      domain: edgeUrl,
      'stream-id': id,
      'play-order': 'll-hls,hls',
      token: 'secret-token',
      'subscriber-id': 'viewer 7',
      'subscriber-code': '123456',
      autoplay: true,
      muted: true,
    });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    const requests = await edgeRequestsFor(id);
    const kinds = new Set(requests.map((request) => request.path.split('.').pop()));
    expect([...kinds]).to.include.members(['m3u8', 'm4s', 'mp4']);
    for (const request of requests) {
      const query = new URLSearchParams(request.query.replace(/^\?/, ''));
      expect(query.get('token'), request.path).to.equal('secret-token');
      expect(query.get('subscriberId'), request.path).to.equal('viewer 7');
      expect(query.get('subscriberCode'), request.path).to.equal('123456');
    }
  });

  it('shows the waiting state while the stream has not started, then plays by itself', async () => {
    const id = uniqueStreamId('later');
    await putStream({ id, startIn: 4 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'waiting', 10000, 'status waiting');
    expect(player.shadowRoot!.textContent).to.include('as soon as it');
    await waitFor(() => player.status === 'playing', 30000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(statuses.indexOf('waiting')).to.be.below(statuses.indexOf('playing'));
  });

  it('stops every request and destroys hls.js when removed, and plays again when re-added', async () => {
    const id = uniqueStreamId('remove');
    await putStream({ id, startIn: liveSince, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const firstHls = player.hls!;
    player.remove();
    expect(player.hls).to.equal(null);
    expect(firstHls.media).to.equal(null);
    await sleep(500);
    const countAfterRemoval = (await edgeRequestsFor(id)).length;
    await sleep(3000);
    expect((await edgeRequestsFor(id)).length).to.equal(countAfterRemoval, 'no request after removal');

    document.body.append(player);
    await waitFor(() => player.status === 'playing', 20000, 'status playing again');
    await framesAdvance(player.video!, 1);
    expect(player.hls).to.not.equal(null);
    expect(player.hls).to.not.equal(firstHls);
  });

  it('reloads cleanly when an input changes, with one hls.js instance at a time', async () => {
    const first = uniqueStreamId('first');
    const second = uniqueStreamId('second');
    await Promise.all([putStream({ id: first, startIn: liveSince }), putStream({ id: second, startIn: liveSince })]);
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': first, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'first stream playing');
    const firstHls = player.hls!;
    player.streamId = second;
    await waitFor(() => player.streamUrl?.includes(second) === true && player.status === 'playing', 20000, 'second stream playing');
    await framesAdvance(player.video!, 1);
    expect(firstHls.media).to.equal(null, 'the first hls.js instance is destroyed');
    const before = (await edgeRequestsFor(first)).length;
    await sleep(3000);
    expect((await edgeRequestsFor(first)).length).to.equal(before, 'no request for the first stream after the change');
  });

  it('plays muted and offers an unmute button when autoplay with sound is refused', async () => {
    const id = uniqueStreamId('unmute');
    await putStream({ id, startIn: liveSince });
    // The runner starts Chromium with --autoplay-policy=user-gesture-required: sound needs a click.
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(player.muted).to.equal(true);
    // WebKitGTK's media backend unmutes a video as it starts, for the moment before its
    // volumechange event, when the element mutes it again.
    await waitFor(() => player.video!.muted, 3000, 'the video muted');
    const button = player.shadowRoot!.querySelector<HTMLButtonElement>('[part="unmute-button"]');
    expect(button, 'unmute button').to.not.equal(null);
  });

  it('a muted player unmuted by no viewer (a script, WebKitGTK\'s media backend) stays muted and playing; pause() still pauses', async () => {
    const id = uniqueStreamId('scriptunmute');
    await putStream({ id, startIn: liveSince });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const video = player.video!;
    // No key or pointer press in this page: Chromium's autoplay policy pauses a video unmuted without one.
    video.muted = false;
    await sleep(1500);
    expect(video.muted, 'the unmute is undone').to.equal(true);
    expect(player.muted).to.equal(true);
    await framesAdvance(video, 1, 10000);
    expect(video.paused, 'playing on').to.equal(false);
    // The page's own pause, right after such an unmute, is a pause.
    video.muted = false;
    player.pause();
    await sleep(1500);
    expect(video.paused, 'paused as the page asked').to.equal(true);
    expect(player.status).to.equal('idle');
  });

  it('a key pressed before the player was added does not let an unmute no viewer made through', async () => {
    const id = uniqueStreamId('earlykey');
    await putStream({ id, startIn: liveSince });
    // The last key of a page (the previous test's, a Tab onto the player): before the player exists.
    await sendKeys({ press: 'Shift' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await player.updateComplete;
    const video = player.video!;
    // Within a second of that key, as WebKitGTK's media backend unmuted a new video. This listener
    // runs after the element's.
    const unmuteHandled = new Promise((resolve) => video.addEventListener('volumechange', resolve, { once: true }));
    video.muted = false;
    await unmuteHandled;
    expect(video.muted, 'the unmute is undone at once').to.equal(true);
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(player.muted).to.equal(true);
    await waitFor(() => video.muted, 3000, 'the video muted (after WebKitGTK\'s own unmute at the start, as above)');
  });

  it('a pause() that comes while the player plays on through such a policy pause is a pause', async () => {
    const id = uniqueStreamId('policyrace');
    await putStream({ id, startIn: liveSince });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const video = player.video!;
    // The page pauses at the policy's pause, once the player has asked to play on and before that
    // play's event: the element's listeners run before these, added later. The policy's pause is
    // made here where the browser has not made it already (Chromium's policy always pauses such a
    // video; WebKitGTK's did in some runs only, and then this test had nothing to check).
    video.addEventListener('volumechange', () => {
      video.addEventListener('pause', () => player.pause(), { once: true });
      if (!video.paused) video.pause();
    }, { once: true });
    video.muted = false;
    await sleep(2500);
    expect(video.paused, 'paused as the page asked').to.equal(true);
    expect(player.status).to.equal('idle');
  });

  it('without MediaSource: plays the same URL with the browser\'s own HLS where it has one, with the same statuses, else says it cannot play', async () => {
    const id = uniqueStreamId('native');
    await putStream({ id, startIn: liveSince });
    // Hiding MediaSource (and WebKit's ManagedMediaSource) makes the page look like iOS Safari's (Chromium and WebKit play HLS
    // natively too) or, in Firefox, like a browser that can play no HLS at all.
    const nativeHls = document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '';
    const names = ['MediaSource', 'ManagedMediaSource'].filter((name) => name in window);
    const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(window, name)!] as const);
    for (const name of names) Object.defineProperty(window, name, { value: undefined, configurable: true, writable: true });
    try {
      const { player, statuses, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, token: 'native-token' });
      if (!nativeHls) {
        await waitFor(() => player.status === 'error', 20000, 'status error');
        expect(errors.map((error) => error.code)).to.deep.equal(['unsupported']);
        expect(player.shadowRoot!.textContent).to.include('can play neither HLS nor MediaSource');
        return;
      }
      await waitFor(() => player.status === 'playing', 30000, 'status playing');
      await framesAdvance(player.video!, 1);
      expect(player.hls).to.equal(null);
      expect(statuses.slice(0, 1)).to.deep.equal(['loading']);
      expect(player.video!.currentSrc).to.equal(`${edgeUrl}/streams/${id}.m3u8?token=native-token`);
    } finally {
      for (const [name, descriptor] of saved) Object.defineProperty(window, name, descriptor);
    }
  });

  it('pauses, plays, seeks back to live and reloads through its methods', async () => {
    const id = uniqueStreamId('methods');
    await putStream({ id, startIn: liveSince });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    player.pause();
    await waitFor(() => player.status === 'idle', 5000, 'status idle after pause()');
    await player.play();
    await waitFor(() => player.status === 'playing', 5000, 'status playing after play()');
    // Step back within hls.js's own resync distance (2 x the 3 s target), then ask for live.
    player.video!.currentTime -= 2.5;
    await waitFor(() => player.latency! > 5, 5000, 'latency to grow after seeking back');
    player.seekToLive();
    await waitFor(() => player.latency! < 4.5, 3000, 'latency back near the 3 s target after seekToLive()');
    const firstHls = player.hls;
    player.reload();
    await waitFor(() => player.hls !== null && player.hls !== firstHls && player.status === 'playing', 20000, 'playing after reload()');
    expect(firstHls!.media).to.equal(null, 'the old hls.js instance is destroyed');
  });
});
