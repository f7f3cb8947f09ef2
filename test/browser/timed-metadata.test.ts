import { expect } from '@open-wc/testing';
import type { MetadataDetail } from '../../src/index.js';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { waitFor } from './wait.js';

interface Received extends MetadataDetail {
  /** The video's currentTime when the event came. */
  playhead: number;
}

/** Plays a stream that carries an ID3 tag every 2 s and collects the metadata events. */
async function receiveMetadata(playOrder: string, llHls: 'ams' | 'apple', count: number): Promise<Received[]> {
  const id = uniqueStreamId('id3');
  await putStream({ id, startIn: -30, llHls, timedMetadata: true });
  const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': playOrder, autoplay: true, muted: true });
  const received: Received[] = [];
  player.addEventListener('metadata', (event) => {
    const { detail } = event as CustomEvent<MetadataDetail>;
    received.push({ ...detail, playhead: player.video!.currentTime });
  });
  await waitFor(() => received.length >= count, 30000, `${count} metadata events`);
  return received;
}

/** The unit number a tag names in its text frame, checked against its data frame. */
function unitOf({ frames }: MetadataDetail): number {
  const text = frames.find(({ id }) => id === 'TXXX');
  const data = frames.find(({ id }) => id === 'PRIV');
  expect(text?.description).to.equal('ams-cdn-player');
  expect(text?.text).to.match(/^unit \d+$/);
  expect(data?.description).to.equal('ams-cdn-player');
  const unit = Number(text!.text!.slice('unit '.length));
  expect(new DataView(data!.data!.buffer, data!.data!.byteOffset).getUint32(0)).to.equal(unit);
  return unit;
}

describe('<ams-cdn-player> timed metadata', () => {
  afterEach(removeAllPlayers);

  const cases = [
    { name: 'an MPEG-TS timed-metadata stream (HLS)', playOrder: 'hls', llHls: 'ams' as const, unitsPer2Seconds: 2 },
    { name: 'fMP4 emsg boxes (Apple-style LL-HLS)', playOrder: 'll-hls', llHls: 'apple' as const, unitsPer2Seconds: 10 },
  ];
  for (const { name, playOrder, llHls, unitsPer2Seconds } of cases) {
    it(`fires metadata with the text and data frames of ${name} within 0.5 s of their media time`, async () => {
      const received = await receiveMetadata(playOrder, llHls, 3);
      for (const event of received) {
        expect(Math.abs(event.playhead - event.time), `playhead ${event.playhead.toFixed(2)} s, tag at ${event.time.toFixed(2)} s`).to.be.below(0.5);
      }
      // Consecutive tags: 2 s apart in media time, and each the unit 2 s after the last.
      for (let index = 1; index < received.length; index++) {
        expect(received[index]!.time - received[index - 1]!.time).to.be.closeTo(2, 0.1);
        expect(unitOf(received[index]!) - unitOf(received[index - 1]!)).to.equal(unitsPer2Seconds);
      }
    });
  }
});
