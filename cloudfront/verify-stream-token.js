// CloudFront Function, viewer request, runtime 2.0 (ES 5.1 with const, let, async and await).
// Checks an AMS JWT play token (HS256; streamId, type, exp, nbf) with the secret from the associated
// KeyValueStore, and answers 403 to a bad token or to any path that is not exactly one of AMS's
// names for the token's stream (cloudfront/README.md); then removes the auth parameters, so every
// viewer shares one cache entry. On the default behavior it is the guard: other paths pass on,
// unless AMS would read them as under streams/ or previews/.
import cf from 'cloudfront';

const crypto = require('crypto');

const keyValueStore = cf.kvs();
const secretKeyName = 'ams-jwt-stream-secret';
/** Optional: the longest a token may still be valid for, in seconds; without it, a day. */
const maximumLifetimeKeyName = 'ams-jwt-max-lifetime-seconds';
const defaultMaximumLifetimeSeconds = 24 * 60 * 60;
/** HS256 needs a key of at least its hash's 32 bytes; a shorter secret is a configuration error. */
const minimumSecretBytes = 32;
/** Removed after the check: with them gone, they can be in no cache key and reach no origin. */
const authParameters = ['token', 'subscriberId', 'subscriberCode'];
/** AMS's play tokens are a few hundred characters; a longer one is refused before any work on it. */
const maximumTokenLength = 2048;
/** Seconds a token may look expired because the issuer's clock and the edge's differ. */
const clockSkewSeconds = 30;

async function handler(event) {
  const request = event.request;
  if (!/^\/(streams|previews)\//.test(request.uri)) {
    return reachesStreamFiles(request.uri) ? forbidden(request, 'the path is not one of AMS\'s names') : request;
  }
  const tokenParameter = request.querystring.token;
  if (!tokenParameter || tokenParameter.multiValue) return forbidden(request, 'a single token parameter is required');
  if (tokenParameter.value.length > maximumTokenLength) return forbidden(request, 'the token is too long');
  if (hasDisguisedAuthParameter(request.querystring)) return forbidden(request, 'an auth parameter is written in another form');
  let secret;
  try {
    secret = await keyValueStore.get(secretKeyName);
  } catch (error) {
    // Fail closed: without the secret nothing can be checked.
    console.log('verify-stream-token: key ' + secretKeyName + ' is missing from the KeyValueStore');
    return forbidden(request, 'the edge cannot check tokens');
  }
  if (typeof secret !== 'string' || Buffer.byteLength(secret) < minimumSecretBytes) {
    console.log('verify-stream-token: the secret under ' + secretKeyName + ' is shorter than ' + minimumSecretBytes + ' bytes: every token is refused');
    return forbidden(request, 'the edge cannot check tokens');
  }
  const claims = verifiedClaims(tokenParameter.value, secret);
  if (!claims) return forbidden(request, 'the token is not signed with this stream secret');
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || !isFinite(claims.exp) || claims.exp + clockSkewSeconds < now) return forbidden(request, 'the token has expired or has no expiry');
  if (claims.exp - now > await maximumLifetimeSeconds()) return forbidden(request, 'the token is valid for longer than this edge allows');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || !isFinite(claims.nbf) || claims.nbf - clockSkewSeconds > now)) return forbidden(request, 'the token is not valid yet');
  if (claims.type !== undefined && claims.type !== 'play') return forbidden(request, 'the token is not a play token');
  if (typeof claims.streamId !== 'string' || !pathBelongsToStream(request.uri, claims.streamId)) return forbidden(request, 'the token is for another stream');
  for (let index = 0; index < authParameters.length; index++) delete request.querystring[authParameters[index]];
  return request;
}

/**
 * Whether a query parameter's name, decoded and in any case, is an auth parameter's but is not
 * written as it ('tok%65n', 'Token'): removed below it would not be, and the origin could read it.
 */
function hasDisguisedAuthParameter(querystring) {
  const names = Object.keys(querystring);
  for (let index = 0; index < names.length; index++) {
    let name = names[index];
    try {
      name = decodeURIComponent(name).toLowerCase();
    } catch (error) {
      return true;
    }
    for (let auth = 0; auth < authParameters.length; auth++) {
      if (name === authParameters[auth].toLowerCase() && names[index] !== authParameters[auth]) return true;
    }
  }
  return false;
}

/** The operator's maximum token lifetime from the KeyValueStore, else the default. */
async function maximumLifetimeSeconds() {
  try {
    // Not Number(await ...): njs 0.7.9 crashes on an await inside a call's argument that rejects.
    const value = await keyValueStore.get(maximumLifetimeKeyName);
    const seconds = Number(value);
    return seconds > 0 && isFinite(seconds) ? seconds : defaultMaximumLifetimeSeconds;
  } catch (error) {
    return defaultMaximumLifetimeSeconds;
  }
}

/** The token's claims when its HS256 signature is right, else null. */
function verifiedClaims(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodedJson(parts[0]);
  // Only HS256: a token must not choose its own (weaker, or "none") algorithm.
  if (!header || header.alg !== 'HS256') return null;
  const expected = crypto.createHmac('sha256', secret).update(parts[0] + '.' + parts[1]).digest('base64url');
  if (!sameText(expected, parts[2])) return null;
  return decodedJson(parts[1]);
}

/** A base64url JSON object, or null. */
function decodedJson(text) {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const value = JSON.parse(Buffer.from(base64 + '==='.slice((base64.length + 3) % 4), 'base64').toString('utf8'));
    return value !== null && typeof value === 'object' ? value : null;
  } catch (error) {
    return null;
  }
}

/** Compares in time that does not depend on where the texts differ. */
function sameText(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/** A rendition: height and bitrate, height, or bitrate (AMS's fileNameFormat %r%b). */
const rendition = '_(?:[0-9]+p[0-9]+kbps|[0-9]+p|[0-9]+kbps)';
/** An audio or subtitle rendition's language, as the project's emulator names them. */
const language = '[a-z]{2,3}';

/**
 * Whether the path is exactly one of AMS's names for the token's stream ({id} below; the table of
 * names is in cloudfront/README.md, in this order); anything else is not: another stream's name, a
 * dot segment, '//', ';', '\', any percent-encoding. Stream ids are letters, digits, '_' and '-',
 * so an id needs no escaping in a pattern.
 */
function pathBelongsToStream(uri, streamId) {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(streamId) || !/^[A-Za-z0-9_./-]+$/.test(uri)) return false;
  const id = streamId;
  const lowLatencyFolder = '/streams/ll-hls/' + id + '/(?:[0-9]{1,5}/)?';
  const names = [
    // playlists; segments; subtitle segments; fMP4 init; recordings
    '/streams/' + id + '(?:_adaptive|' + rendition + '|_audio_' + language + '|_subtitles_' + language + ')?\\.m3u8',
    '/streams/' + id + '(?:' + rendition + '|_audio_' + language + ')?[0-9]{9}\\.(?:ts|fmp4)',
    '/streams/' + id + '_subtitles_' + language + '[0-9]{9}\\.vtt',
    '/streams/' + id + '(?:' + rendition + ')?_[0-9]{13}_init\\.mp4',
    '/streams/' + id + '(?:' + rendition + ')?(?:_[0-9]{1,4})?\\.(?:mp4|webm)',
    // LL-HLS: master; media playlist and init; segments and parts
    '/streams/ll-hls/' + id + '/' + id + '__master(?:_adaptive)?\\.m3u8',
    lowLatencyFolder + id + '__(?:lowlatency\\.m3u8|init\\.mp4)',
    lowLatencyFolder + id + '(?:[0-9]{9}|__[0-9]{1,9})(?:\\.[0-9]{1,3})?\\.(?:ts|m4s|mp4)',
    // preview images
    '/previews/' + id + '(?:_finished)?(?:_[0-9]{1,4})?\\.(?:png|jpg|webp)',
  ];
  return new RegExp('^(?:' + names.join('|') + ')$').test(uri);
}

/**
 * The guard, for paths outside streams/ and previews/ as written: whether AMS (Tomcat) would still
 * serve a file under them, or above the application, once it has dropped ';' parameters, decoded
 * '%' escapes and resolved '.', '..' and '//'. Stricter than Tomcat where that is free: escapes are
 * decoded until none is left, '\' counts as '/', case is ignored, and so are trailing dots,
 * spaces and control characters (a Windows file system drops them).
 */
function reachesStreamFiles(uri) {
  let path = uri;
  for (let round = 0; round < 4; round++) {
    path = path.replace(/;[^/]*/g, '');
    if (path.indexOf('%') < 0) break;
    try {
      path = decodeURIComponent(path);
    } catch (error) {
      return true;
    }
  }
  const parts = path.replace(/\\/g, '/').split('/');
  const segments = [];
  for (let index = 0; index < parts.length; index++) {
    if (parts[index] === '..') {
      if (segments.length === 0) return true;
      segments.pop();
    } else if (parts[index] !== '' && parts[index] !== '.') {
      segments.push(parts[index]);
    }
  }
  return /^(streams|previews)[.\s\x00-\x1f]*$/i.test(segments[0] || '');
}

/**
 * 403 with the reason in a header (never the token). CORS as the distribution's policy would set it,
 * so the player can read the status and say "forbidden" instead of "network error".
 */
function forbidden(request, reason) {
  const origin = request.headers.origin;
  const headers = {
    'content-type': { value: 'text/plain' },
    'cache-control': { value: 'no-store' },
    'x-stream-token-error': { value: reason },
    'access-control-allow-origin': { value: origin ? origin.value : '*' },
    'access-control-expose-headers': { value: 'X-Stream-Token-Error' },
  };
  if (origin) {
    headers['access-control-allow-credentials'] = { value: 'true' };
    headers.vary = { value: 'Origin' };
  }
  return { statusCode: 403, statusDescription: 'Forbidden', headers: headers };
}
