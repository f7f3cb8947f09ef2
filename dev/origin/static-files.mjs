// Static files under /{app}/ (the built player, demo and bench pages), as AMS serves play.html.
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep, extname } from 'node:path';
import { contentTypes } from '../streams/media-routes.mjs';
import { notFound } from './responses.mjs';

const staticTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.m3u8': contentTypes.m3u8, '.ts': contentTypes.ts, '.mp4': contentTypes.mp4, '.m4s': contentTypes.m4s,
};

/**
 * Extra response headers for a static file from a sibling `<file>.headers.json` ({"Name": "value"}),
 * so a test page can be served with, say, a strict Content-Security-Policy as a real site would.
 */
async function sidecarHeaders(file) {
  let text;
  try {
    text = await readFile(`${file}.headers.json`, 'utf8');
  } catch {
    return {};
  }
  const parsed = JSON.parse(text);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string'));
}

/**
 * The file at path (relative to /{app}/, already decoded and normalized: servletPath) from the first
 * directory holding it; traversal-guarded all the same.
 */
export async function serveStatic(staticDirectories, path, method) {
  if (method !== 'GET' && method !== 'HEAD') return notFound();
  let relative = path;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  if (relative.includes('\0') || relative.split(/[\\/]/).includes('..')) return notFound();
  for (const directory of staticDirectories) {
    const root = resolve(directory);
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep)) continue; // traversal guard (also covers absolute paths)
    try {
      if (!(await stat(file)).isFile()) continue;
      const body = await readFile(file);
      const headers = { 'Content-Type': staticTypes[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
      return { status: 200, headers: { ...headers, ...(await sidecarHeaders(file)) }, body };
    } catch {
      // not in this directory: try the next one
    }
  }
  return notFound();
}
