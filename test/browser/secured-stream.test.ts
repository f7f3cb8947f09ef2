import { expect } from '@open-wc/testing';
import { edgeRequestsFor as allEdgeRequestsFor, originRequestsFor, putStream, securedEdge, uniqueStreamId } from './emulator.js';
import type { SourceChangeDetail } from '../../src/index.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { openFrame, removeAllFrames, type FrameMessage } from './frames.js';
import { framesAdvance, waitFor } from './wait.js';

// An edge of these tests' own runs the token check the package ships (cloudfront/README.md), with this secret.
const { url: edgeUrl, secret } = securedEdge;
const edgeRequestsFor = (streamId: string) => allEdgeRequestsFor(streamId, { edge: edgeUrl });

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const encodeJson = (value: unknown): string => base64url(new TextEncoder().encode(JSON.stringify(value)));

/** An AMS JWT play token, signed in the page as a viewer's backend would sign it. */
async function playToken(streamId: string, { expiresIn = 3600, viewer = 'a' } = {}): Promise<string> {
  const signingInput = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson({ streamId, type: 'play', exp: Math.floor(Date.now() / 1000) + expiresIn, viewer })}`;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput)));
  return `${signingInput}.${base64url(signature)}`;
}

describe('<ams-cdn-player> on a secured stream, tokens checked at the edge', () => {
  afterEach(removeAllPlayers);

  it('two viewers with their own tokens play, and the second is served from the first one\'s cache entries', async () => {
    const id = uniqueStreamId('secured');
    await putStream({ id, startIn: -30 });
    const first = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', token: await playToken(id, { viewer: 'first' }), autoplay: true, muted: true });
    await waitFor(() => first.player.status === 'playing', 20000, 'first viewer playing');
    const second = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', token: await playToken(id, { viewer: 'second' }), autoplay: true, muted: true });
    await waitFor(() => second.player.status === 'playing', 20000, 'second viewer playing');
    await framesAdvance(second.player.video!, 2);
    const requests = await edgeRequestsFor(id);
    expect(requests.filter(({ functionMs }) => functionMs === null).map(({ path }) => path), 'requests the function did not check').to.deep.equal([]);
    expect(requests.every(({ query }) => query.includes('token='))).to.equal(true);
    // Segments both viewers asked for: the edge went to the origin once for each.
    const segments = requests.filter(({ path }) => path.endsWith('.ts'));
    const askedTwice = [...new Set(segments.map(({ path }) => path))].filter((path) => segments.filter((entry) => entry.path === path).length >= 2);
    expect(askedTwice.length, 'segments both viewers loaded').to.be.above(0);
    for (const path of askedTwice) {
      expect(segments.filter((entry) => entry.path === path && entry.originRequest).length, `origin requests for ${path}`).to.equal(1);
    }
  });

  it('an expired token: the error names the token and why, the status is error, and the player stops asking', async () => {
    const id = uniqueStreamId('expired');
    await putStream({ id, startIn: -30 });
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls,hls', token: await playToken(id, { expiresIn: -600 }), autoplay: true, muted: true });
    await waitFor(() => player.status === 'error', 15000, 'status error');
    expect(errors.at(-1)).to.include({ code: 'token-refused', attribute: 'token', fatal: true });
    expect(errors.at(-1)!.message).to.include('expired');
    const shown = player.shadowRoot!.querySelector('[part~="error-message"]');
    expect(shown?.textContent).to.include('token');
    const asked = (await edgeRequestsFor(id)).length;
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect((await edgeRequestsFor(id)).length, 'requests after the error').to.equal(asked);
  });

  it('a token that expires while the viewer watches: playing, then an error naming the token, not an endless retry', async () => {
    const id = uniqueStreamId('expiring');
    await putStream({ id, startIn: -30 });
    // The edge allows 30 s of clock difference: this token stops working about 15 s from now.
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', token: await playToken(id, { expiresIn: -15 }), autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 12000, 'status playing');
    await waitFor(() => player.status === 'error', 40000, 'status error once the token has expired');
    expect(errors.at(-1)).to.include({ code: 'token-refused', attribute: 'token' });
  });

  it('sends the token to the domain\'s origin only: segments a playlist names on another host get none, and no event or property shows it', async () => {
    const id = uniqueStreamId('elsewhere');
    // The origin itself, on its own port: another origin than the edge the player is given.
    await putStream({ id, startIn: -30, mediaBaseUrl: `${window.emulator.originUrl}/live/streams/` });
    const token = await playToken(id);
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', token, autoplay: true, muted: true });
    const sources: SourceChangeDetail[] = [];
    player.addEventListener('source-change', (event) => sources.push((event as CustomEvent<SourceChangeDetail>).detail));
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    const playlists = (await edgeRequestsFor(id)).filter(({ path }) => path.endsWith('.m3u8'));
    expect(playlists.length, 'playlist requests to the edge').to.be.above(0);
    expect(playlists.filter(({ query }) => !query.includes('token=')).map(({ path }) => path), 'playlists without the token').to.deep.equal([]);
    const segments = (await originRequestsFor(id)).filter(({ path }) => path.endsWith('.ts'));
    expect(segments.length, 'segments fetched from the other host').to.be.above(0);
    expect(segments.filter(({ query }) => Object.keys(query).length > 0).map(({ path, query }) => `${path} ${JSON.stringify(query)}`), 'segments with a query').to.deep.equal([]);
    expect(JSON.stringify(sources), 'source-change details').not.to.include(token);
    expect(sources.length).to.be.above(0);
    expect(player.streamUrl).to.equal(`${edgeUrl}/streams/${id}.m3u8`);
    expect(JSON.stringify(errors)).not.to.include(token);
  });

  it('plays a secured backup with its own backup-token, and never sends it the main stream\'s token', async () => {
    const main = uniqueStreamId('securedmain');
    const backup = uniqueStreamId('securedspare');
    await putStream({ id: main, startIn: 600 });
    await putStream({ id: backup, startIn: -30 });
    const mainToken = await playToken(main);
    const backupToken = await playToken(backup);
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': main, 'backup-stream-id': backup, token: mainToken, 'backup-token': backupToken, 'play-order': 'hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'the backup playing');
    await framesAdvance(player.video!, 2);
    expect(errors).to.deep.equal([]);
    const backupRequests = await edgeRequestsFor(backup);
    expect(backupRequests.filter(({ path }) => path.endsWith('.ts')).length, 'backup segments').to.be.above(0);
    const tokensSent = new Set(backupRequests.map(({ query }) => new URLSearchParams(query).get('token')));
    expect([...tokensSent]).to.deep.equal([backupToken]);
    const mainRequests = await edgeRequestsFor(main);
    expect(mainRequests.length, 'the main stream is still looked for').to.be.above(0);
    expect(mainRequests.every(({ query }) => new URLSearchParams(query).get('token') === mainToken)).to.equal(true);
  });

  it('the demo\'s secured page (npm start) mints a token from the emulator and plays; another stream\'s token is refused', async () => {
    // The page plays the fixed id secure01, as npm start serves it.
    await putStream({ id: 'secure01', startIn: -30, llHls: 'ams' });
    try {
      const isPlaying = (message: FrameMessage): boolean => message.type === 'status-change' && message.status === 'playing';
      const page = openFrame(`${edgeUrl}/secured.html`);
      await page.waitForMessage(isPlaying, 25000, 'secured.html to report playing');
      const requests = await edgeRequestsFor('secure01');
      expect(requests.filter(({ status }) => status === 403).map(({ path }) => path), 'refused requests').to.deep.equal([]);
      expect(requests.filter(({ path }) => /\.(m4s|ts)$/.test(path)).length, 'media through the token check').to.be.above(0);
      const refused = openFrame(`${edgeUrl}/secured.html?token=other`);
      const error = await refused.waitForMessage((message) => message.type === 'player-error', 20000, 'a player-error');
      expect(error).to.include({ code: 'token-refused', attribute: 'token', fatal: true });
    } finally {
      removeAllFrames();
    }
  });
});
