import { expect } from '@open-wc/testing';
import { audioTrackIndex } from '../../src/audio-tracks.js';

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
