// CloudFront Function, viewer request, JavaScript runtime 2.0: checks an Ant Media Server JWT
// play token at the edge, then removes the viewer's auth parameters from the request, so every
// viewer of a stream shares one cache entry and the origin sees one request per object.
//
// The token is the one AMS's JWT stream security filter takes (HS256, claims streamId, type, exp).
// The secret is read from the KeyValueStore associated with this function, under the key below;
// it never appears in this code. Answers 403 to a missing, forged, expired or other-stream token.
// Associate it with the cache behaviors for streams/* and previews/* only. See cloudfront/README.md.
import cf from 'cloudfront';

const crypto = require('crypto');

const keyValueStore = cf.kvs();
const secretKeyName = 'ams-jwt-stream-secret';
/** Removed after the check: with them gone, they can be in no cache key and reach no origin. */
const authParameters = ['token', 'subscriberId', 'subscriberCode'];
/** AMS's play tokens are a few hundred characters; a longer one is refused before any work on it. */
const maximumTokenLength = 2048;
/** Seconds a token may look expired because the issuer's clock and the edge's differ. */
const clockSkewSeconds = 30;

async function handler(event) {
  const request = event.request;
  const tokenParameter = request.querystring.token;
  if (!tokenParameter || tokenParameter.multiValue) return forbidden(request, 'a single token parameter is required');
  if (tokenParameter.value.length > maximumTokenLength) return forbidden(request, 'the token is too long');
  let secret;
  try {
    secret = await keyValueStore.get(secretKeyName);
  } catch (error) {
    // Fail closed: without the secret nothing can be checked.
    console.log('verify-stream-token: key ' + secretKeyName + ' is missing from the KeyValueStore');
    return forbidden(request, 'the edge cannot check tokens');
  }
  const claims = verifiedClaims(tokenParameter.value, secret);
  if (!claims) return forbidden(request, 'the token is not signed with this stream secret');
  if (typeof claims.exp !== 'number' || claims.exp + clockSkewSeconds < Date.now() / 1000) return forbidden(request, 'the token has expired or has no expiry');
  if (claims.type !== undefined && claims.type !== 'play') return forbidden(request, 'the token is not a play token');
  if (typeof claims.streamId !== 'string' || !pathBelongsToStream(request.uri, claims.streamId)) return forbidden(request, 'the token is for another stream');
  // Runtime 2.0 is ES 5.1 with const, let, async and await: no for...of.
  for (let index = 0; index < authParameters.length; index++) delete request.querystring[authParameters[index]];
  return request;
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

/**
 * Whether the viewer path names the token's stream, by AMS's file naming:
 * /streams/ll-hls/{id}/..., and /streams/{id}{rest} or /previews/{id}{rest}, where rest is an
 * optional _suffix (adaptive, rendition, audio, subtitles), an optional 9-digit segment number,
 * an optional .part number, then the extension.
 */
function pathBelongsToStream(uri, streamId) {
  const lowLatency = /^\/streams\/ll-hls\/([^/]+)\//.exec(uri);
  if (lowLatency) return decodedSegment(lowLatency[1]) === streamId;
  const file = /^\/(?:streams|previews)\/([^/]+)$/.exec(uri);
  const name = file && decodedSegment(file[1]);
  if (!name) return false;
  if (name.slice(0, streamId.length) !== streamId) return false;
  return /^(_[A-Za-z0-9_]*)?(\d{9})?(\.\d{1,3})?\.[A-Za-z0-9]+$/.test(name.slice(streamId.length));
}

/** A path segment percent-decoded, or null when its escapes are malformed. */
function decodedSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    return null;
  }
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
