// A small HLS playlist parser for tests and diagnostics (not a general-purpose one).

function attributes(text) {
  const result = {};
  for (const match of text.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) result[match[1]] = match[2].replace(/^"|"$/g, '');
  return result;
}

/** Parses master or media playlist text. */
export function parsePlaylist(text) {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines[0] !== '#EXTM3U') throw new Error('not an m3u8 playlist');
  const playlist = {
    version: null, targetDuration: null, mediaSequence: 0, serverControl: null, partTarget: null, map: null,
    segments: [], pendingParts: [], preloadHint: null, ended: false, variants: [],
  };
  let parts = [];
  let programDateTime = null;
  let duration = null;
  let variant = null;
  for (const line of lines.slice(1)) {
    const [tag, value = ''] = line.startsWith('#') ? [line.slice(0, line.indexOf(':') >>> 0), line.slice(line.indexOf(':') + 1)] : [null, line];
    if (tag === null) {
      if (variant) { playlist.variants.push({ ...variant, uri: line }); variant = null; continue; }
      playlist.segments.push({ uri: line, duration, programDateTime, parts });
      parts = []; programDateTime = null; duration = null;
      continue;
    }
    switch (tag) {
      case '#EXT-X-VERSION': playlist.version = Number(value); break;
      case '#EXT-X-TARGETDURATION': playlist.targetDuration = Number(value); break;
      case '#EXT-X-MEDIA-SEQUENCE': playlist.mediaSequence = Number(value); break;
      case '#EXT-X-SERVER-CONTROL': playlist.serverControl = attributes(value); break;
      case '#EXT-X-PART-INF': playlist.partTarget = Number(attributes(value)['PART-TARGET']); break;
      case '#EXT-X-MAP': playlist.map = attributes(value).URI; break;
      case '#EXT-X-PROGRAM-DATE-TIME': programDateTime = Date.parse(value); break;
      case '#EXTINF': duration = Number(value.split(',')[0]); break;
      case '#EXT-X-PART': {
        const part = attributes(value);
        parts.push({ uri: part.URI, duration: Number(part.DURATION), independent: part.INDEPENDENT === 'YES' });
        break;
      }
      case '#EXT-X-PRELOAD-HINT': playlist.preloadHint = attributes(value); break;
      case '#EXT-X-ENDLIST': playlist.ended = true; break;
      case '#EXT-X-STREAM-INF': variant = attributes(value); break;
      default: break;
    }
  }
  playlist.pendingParts = parts;
  playlist.pendingProgramDateTime = programDateTime;
  playlist.segments.forEach((segment, index) => { segment.mediaSequence = playlist.mediaSequence + index; });
  return playlist;
}
