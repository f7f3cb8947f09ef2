// A stream whose files an encoder writes (ffmpeg's HLS muxer, as AMS's muxer does): the playlist
// and segments are read from its directory as they are at the moment of the request.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypes } from '../streams/media-routes.mjs';
import { notFound } from './responses.mjs';

/**
 * {id}.m3u8 (max-age=0) and {id}NNNNNNNNN.ts (max-age=10) from definition.directory; 404 while a
 * file does not exist yet, so the edge caches that 404 as CloudFront would. No LL-HLS, no renditions.
 * @param {{ id: string, directory: string }} definition
 * @param {{ target: string, rendition?: string, mediaSequence?: number }} parsed
 */
export async function serveDirectoryStream(definition, parsed) {
  if (parsed.rendition) return notFound();
  const { id, directory } = definition;
  let file;
  let headers;
  if (parsed.target === 'hls-media') {
    file = `${id}.m3u8`;
    headers = { 'Content-Type': contentTypes.m3u8, 'Cache-Control': 'max-age=0' };
  } else if (parsed.target === 'hls-segment') {
    file = `${id}${String(parsed.mediaSequence).padStart(9, '0')}.ts`;
    headers = { 'Content-Type': contentTypes.ts, 'Cache-Control': 'max-age=10' };
  } else {
    return notFound();
  }
  try {
    return { status: 200, headers, body: await readFile(join(directory, file)) };
  } catch {
    return notFound();
  }
}
