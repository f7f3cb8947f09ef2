import { expect } from '@open-wc/testing';
import { configureEdge, edgeRequestsFor, edgeUrl, originRequestsFor, putStream, sameSiteEdgeUrl, setEdgeCookie, signInForStreams, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

/** The cookie CloudFront would check: every test of this file has it in the browser's jar. */
const viewerCookie = 'viewer-grant=abc123';

describe('<ams-cdn-player> crossorigin: cookies for the CDN', () => {
  before(() => setEdgeCookie(viewerCookie));
  afterEach(async () => {
    await removeAllPlayers();
    await configureEdge({ credentialedCors: false, requiredCookies: {}, signedCookieStreams: [] });
  });

  for (const playOrder of ['ll-hls', 'hls']) {
    it(`with "use-credentials", sends the cookie on every ${playOrder} request: probe, playlists, segments and parts`, async () => {
      const id = uniqueStreamId('cookie');
      await putStream({ id, startIn: -30, llHls: 'ams' });
      // As CloudFront with signed cookies: without the cookie, a 403.
      await configureEdge({ credentialedCors: true, requiredCookies: { [id]: viewerCookie } });
      const { player } = mountPlayer({ domain: sameSiteEdgeUrl, 'stream-id': id, 'play-order': playOrder, crossorigin: 'use-credentials', autoplay: true, muted: true });
      await waitFor(() => player.status === 'playing', 20000, 'status playing');
      await framesAdvance(player.video!, 2);
      const requests = await edgeRequestsFor(id);
      const media = requests.filter(({ path }) => /\.(ts|m4s|mp4)$/.test(path));
      expect(requests.filter(({ path }) => path.endsWith('.m3u8')).length, 'playlist requests').to.be.above(1);
      expect(media.length, 'segment or part requests').to.be.above(1);
      const without = requests.filter(({ cookie }) => !cookie?.includes(viewerCookie));
      expect(without.map(({ path, status }) => `${status} ${path}`), 'requests without the cookie').to.deep.equal([]);
    });
  }

  it('plays a stream behind CloudFront signed cookies (policy, signature, key pair id) with "use-credentials"', async () => {
    const id = uniqueStreamId('signed');
    await putStream({ id, startIn: -30 });
    await configureEdge({ credentialedCors: true, signedCookieStreams: [id] });
    // Before signing in, the edge refuses the stream.
    expect((await fetch(`${sameSiteEdgeUrl}/streams/${id}.m3u8`, { credentials: 'include' })).status).to.equal(403);
    // The grant covers the stream's playlists, media and preview image.
    await signInForStreams(`${sameSiteEdgeUrl}/*${id}*`);
    const { player } = mountPlayer({ domain: sameSiteEdgeUrl, 'stream-id': id, 'play-order': 'hls', crossorigin: 'use-credentials', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    const requests = await edgeRequestsFor(id);
    expect(requests.filter(({ path }) => path.endsWith('.ts')).length, 'segments loaded').to.be.above(0);
    expect(requests.filter(({ status, path }) => status === 403 && !path.endsWith('.m3u8')).map(({ path }) => path), 'refused media').to.deep.equal([]);
  });

  it('with "use-credentials", media a playlist names on another host goes without cookies (that host\'s CORS "*" would refuse them)', async () => {
    const id = uniqueStreamId('cookieelsewhere');
    await putStream({ id, startIn: -30, mediaBaseUrl: `${window.emulator.originUrl}/live/streams/` });
    await configureEdge({ credentialedCors: true, requiredCookies: { [id]: viewerCookie } });
    const { player } = mountPlayer({ domain: sameSiteEdgeUrl, 'stream-id': id, 'play-order': 'hls', crossorigin: 'use-credentials', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    const playlists = (await edgeRequestsFor(id)).filter(({ path }) => path.endsWith('.m3u8'));
    expect(playlists.filter(({ cookie }) => !cookie?.includes(viewerCookie)).map(({ path }) => path), 'playlists without the cookie').to.deep.equal([]);
    expect((await originRequestsFor(id)).filter(({ path }) => path.endsWith('.ts')).length, 'segments from the other host').to.be.above(0);
  });

  it('without crossorigin, sends no cookie, even to a CDN that would take them', async () => {
    const id = uniqueStreamId('nocookie');
    await putStream({ id, startIn: -30, llHls: 'ams' });
    await configureEdge({ credentialedCors: true });
    const { player } = mountPlayer({ domain: sameSiteEdgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 2);
    const requests = await edgeRequestsFor(id);
    expect(requests.length).to.be.above(2);
    expect(requests.filter(({ cookie }) => cookie !== null).map(({ path }) => path)).to.deep.equal([]);
  });

  it('with "use-credentials" and a CDN answering with a wildcard origin, fails with an error naming crossorigin, not a silent stall', async () => {
    const id = uniqueStreamId('wildcard');
    await putStream({ id, startIn: -30, llHls: 'ams' });
    const { player, errors } = mountPlayer({ domain: sameSiteEdgeUrl, 'stream-id': id, 'play-order': 'hls', crossorigin: 'use-credentials', autoplay: true, muted: true });
    await waitFor(() => player.status === 'error', 15000, 'status error');
    expect(errors.at(-1)).to.include({ code: 'network', attribute: 'crossorigin', fatal: true });
    expect(errors.at(-1)!.message).to.include('Access-Control-Allow-Credentials');
    const shown = player.shadowRoot!.querySelector('[part~="error-message"]');
    expect(shown?.textContent).to.include('crossorigin');
  });

  it('reports a crossorigin value that is neither anonymous nor use-credentials as an input error', async () => {
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': 'stream01', crossorigin: 'cookies' });
    await waitFor(() => player.status === 'error', 2000, 'status error');
    expect(errors[0]).to.include({ code: 'invalid-input', attribute: 'crossorigin' });
  });
});
