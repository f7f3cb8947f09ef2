import { expect } from '@open-wc/testing';
import { configureEdge, edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

// The edge runs the token check the package ships (cloudfront/README.md), with this secret.
const secret = 'browser-test-jwt-stream-secret-of-32+';

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
  beforeEach(() => configureEdge({ viewerRequest: { keyValueStore: { 'ams-jwt-stream-secret': secret } } }));
  afterEach(async () => {
    await removeAllPlayers();
    await configureEdge({ viewerRequest: null });
  });

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
});
