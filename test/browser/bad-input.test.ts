import { expect } from '@open-wc/testing';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { sleep, waitFor } from './wait.js';

/** Each row: attributes that are wrong in one way, and the attribute the error must name. */
const badInputs: { name: string; attributes: Record<string, string>; attribute: string }[] = [
  { name: 'an empty domain', attributes: { domain: '', 'stream-id': 'stream01' }, attribute: 'domain' },
  { name: 'whitespace in the domain', attributes: { domain: 'd123.cloudfront .net', 'stream-id': 'stream01' }, attribute: 'domain' },
  { name: 'a domain with a path', attributes: { domain: 'd123.cloudfront.net/live', 'stream-id': 'stream01' }, attribute: 'domain' },
  { name: 'a domain with a query', attributes: { domain: 'https://d123.cloudfront.net?x=1', 'stream-id': 'stream01' }, attribute: 'domain' },
  { name: 'a javascript: domain', attributes: { domain: 'javascript:alert(1)', 'stream-id': 'stream01' }, attribute: 'domain' },
  { name: 'an ftp:// domain', attributes: { domain: 'ftp://d123.cloudfront.net', 'stream-id': 'stream01' }, attribute: 'domain' },
  { name: 'a missing stream-id', attributes: { domain: 'd123.cloudfront.net' }, attribute: 'stream-id' },
  { name: 'an empty stream-id', attributes: { domain: 'd123.cloudfront.net', 'stream-id': '  ' }, attribute: 'stream-id' },
  { name: 'an unknown play-order entry', attributes: { domain: 'd123.cloudfront.net', 'stream-id': 'stream01', 'play-order': 'll-hls,rtmp' }, attribute: 'play-order' },
  { name: 'a negative target-latency', attributes: { domain: 'd123.cloudfront.net', 'stream-id': 'stream01', 'target-latency': '-1' }, attribute: 'target-latency' },
  { name: 'a target-latency that is not a number', attributes: { domain: 'd123.cloudfront.net', 'stream-id': 'stream01', 'target-latency': 'soon' }, attribute: 'target-latency' },
  { name: 'a negative error-ttl', attributes: { domain: 'd123.cloudfront.net', 'stream-id': 'stream01', 'error-ttl': '-3' }, attribute: 'error-ttl' },
];

/** Requests the page made since `since`, other than the test runner's own modules. */
function requestsSince(since: number): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since && !entry.name.startsWith(window.location.origin))
    .map((entry) => entry.name);
}

describe('<ams-cdn-player> bad input', () => {
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent): void => void uncaught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent): void => void uncaught.push(event.reason);

  beforeEach(() => {
    uncaught.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(async () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    await removeAllPlayers();
  });

  for (const { name, attributes, attribute } of badInputs) {
    it(`reports ${name} as an error naming ${attribute}, with no request and no uncaught exception`, async () => {
      const since = performance.now();
      const { player, errors, statuses } = mountPlayer({ ...attributes, autoplay: 'true' });
      await waitFor(() => player.status === 'error', 2000, 'status error');
      await sleep(200);
      expect(statuses).to.deep.equal(['error']);
      expect(errors).to.have.length(1);
      expect(errors[0]!.code).to.equal('invalid-input');
      expect(errors[0]!.attribute).to.equal(attribute);
      expect(errors[0]!.message).to.include(attribute);
      const shown = player.shadowRoot!.querySelector('[part~="error-message"]');
      expect(shown?.textContent).to.include(attribute);
      expect(requestsSince(since)).to.deep.equal([]);
      expect(uncaught).to.deep.equal([]);
    });
  }

  it('plays the HLS entry of "webrtc,hls", as AMS links carry it, with a non-fatal player-error that says webrtc was skipped', async () => {
    const id = uniqueStreamId('webrtc');
    await putStream({ id, startIn: -20 });
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'webrtc,hls', autoplay: 'true', muted: 'true' });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ code: 'unsupported', attribute: 'play-order', fatal: false });
    expect(errors[0]!.message).to.match(/^play-order: skipped webrtc: /);
    expect(player.streamUrl).to.match(new RegExp(`/streams/${id}(_adaptive)?\\.m3u8$`));
    expect(uncaught).to.deep.equal([]);
  });

  it('reports an order of webrtc and dash only as an input error: nothing in it can play', async () => {
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': 'stream01', 'play-order': 'webrtc,dash' });
    await waitFor(() => player.status === 'error', 2000, 'status error');
    expect(errors.map(({ code, fatal }) => [code, fatal])).to.deep.equal([['invalid-input', true]]);
    expect(errors[0]!.message).to.include('at least one of hls, ll-hls or vod').and.include('webrtc: ');
  });

  it('recovers from a bad input once the attribute is corrected', async () => {
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': 'stream01', 'play-order': 'rtmp' });
    await waitFor(() => player.status === 'error', 2000, 'status error');
    player.playOrder = 'hls';
    await waitFor(() => player.status !== 'error', 2000, 'the error to clear');
    expect(player.shadowRoot!.querySelector('[part~="error-message"]')).to.equal(null);
  });
});
