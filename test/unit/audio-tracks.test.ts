import { expect } from '@open-wc/testing';
import { audioTrackIndex } from '../../src/hls/audio-tracks.js';
import { attachNativeAudioTracks } from '../../src/native/native-audio-tracks.js';

describe('audioTrackIndex', () => {
  const tracks = [{ name: 'English', lang: 'en' }, { name: 'Deutsch', lang: 'de-AT' }, { name: 'Commentary' }];

  it('finds a track by language, a region included, case aside', () => {
    expect(audioTrackIndex(tracks, 'DE')).to.equal(1);
    expect(audioTrackIndex(tracks, 'de-at')).to.equal(1);
    expect(audioTrackIndex(tracks, 'en')).to.equal(0);
  });

  it('else by name; -1 for none or nothing asked', () => {
    expect(audioTrackIndex(tracks, 'commentary')).to.equal(2);
    expect(audioTrackIndex(tracks, 'fr')).to.equal(-1);
    expect(audioTrackIndex(tracks, ' ')).to.equal(-1);
  });
});

/** An AudioTrackList as Safari's behaves: tracks listed one by one, `change` when one is enabled or disabled. */
class TrackList extends EventTarget {
  readonly #tracks: { label: string; language: string; enabled: boolean }[] = [];

  get length(): number {
    return this.#tracks.length;
  }

  [Symbol.iterator]() {
    return this.#tracks[Symbol.iterator]();
  }

  add(label: string, language: string, enabled: boolean): void {
    const list = this;
    let on = enabled;
    this.#tracks.push({
      label,
      language,
      get enabled() {
        return on;
      },
      set enabled(value: boolean) {
        on = value;
        queueMicrotask(() => list.dispatchEvent(new Event('change')));
      },
    });
    this.dispatchEvent(new Event('addtrack'));
  }
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachNativeAudioTracks', () => {
  it('picks the page\'s rendition once it is listed, keeps one enabled at a time, and reports each switch', async () => {
    const list = new TrackList();
    const changes: string[] = [];
    const session = new AbortController();
    const tracks = attachNativeAudioTracks({ list, preferred: 'de', signal: session.signal, onChange: (track) => changes.push(track.name) });
    list.add('English', 'en', true);
    list.add('Deutsch', 'de', false);
    await settled();
    expect(tracks.selected()).to.equal(1);
    expect([...list].map((track) => track.enabled)).to.deep.equal([false, true]);
    expect(tracks.tracks()).to.deep.equal([{ id: 0, name: 'English', language: 'en' }, { id: 1, name: 'Deutsch', language: 'de' }]);
    // The viewer's choice then stands: the page's is not applied again.
    tracks.select(0);
    await settled();
    expect(tracks.selected()).to.equal(0);
    expect(changes).to.deep.equal(['English', 'Deutsch', 'English']);
    session.abort();
    tracks.select(1);
    await settled();
    expect(changes, 'nothing reported once stopped').to.have.length(3);
  });
});
