// How AMS's Tomcat reads a request's raw path before it maps and serves it (CoyoteAdapter's
// postParseRequest, docs/ams-file-names.md §8): `;` path parameters dropped, percent escapes
// decoded, then normalized: `//` merged, `.` and `..` resolved. AMS's own filters see the raw path,
// the file served is this one: the gap an edge check on the raw path must close
// (cloudfront/README.md). The origin emulator serves by this reading, so the ways around the edge
// that it opens are reproduced here, not only argued.

/**
 * The path Tomcat serves for `rawPath` (no query), or the 400 it answers instead, with why.
 * @param {string} rawPath
 * @returns {{ path: string, refused?: undefined } | { path?: undefined, refused: string }}
 */
export function servletPath(rawPath) {
  // Path parameters: each `;` up to the next `/` (or the end) is dropped, before any decoding.
  const withoutParameters = rawPath.replace(/;[^/]*/g, '');
  if (/%2f/i.test(withoutParameters)) return { refused: 'an encoded "/" (encodedSolidusHandling: reject)' };
  let decoded;
  try {
    decoded = decodeURIComponent(withoutParameters);
  } catch {
    return { refused: 'a malformed percent escape' };
  }
  if (decoded.includes('\\')) return { refused: 'a "\\" (allowBackslash: false)' };
  if (decoded.includes('\0')) return { refused: 'a NUL' };
  if (!decoded.startsWith('/')) return { refused: 'a path that does not start with "/"' };
  /** @type {string[]} */
  const segments = [];
  const parts = decoded.split('/').slice(1);
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    if (part === '..') {
      if (segments.length === 0) return { refused: 'a ".." above the root' };
      segments.pop();
      if (last) segments.push('');
    } else if (part === '.') {
      if (last) segments.push('');
    } else if (part !== '' || last) {
      segments.push(part);
    }
  }
  return { path: `/${segments.join('/')}` };
}
