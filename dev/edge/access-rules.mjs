// Who may have a path at the edge besides the viewer-request function: CloudFront signed cookies
// (a cache behavior restricted to a trusted key group) and plain required cookies, per stream.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cookiesOf } from './cookies.mjs';
import { signedCookieRefusal } from '../signed-cookies.mjs';

/** What CloudFront answers a request without the signed cookies its behavior requires. */
const missingCookieText = 'Missing Key-Pair-Id query parameter or cookie value';

/** @param {{ now: () => number }} options */
export function createAccessRules({ now }) {
  /**
   * Stream id -> the cookie ("name=value") its requests need: a request for a path naming the
   * stream without it is answered 403 at the edge.
   * @type {Map<string, string>}
   */
  const requiredCookies = new Map();
  /**
   * Stream ids whose requests need CloudFront signed cookies, checked against the edge's own key
   * pair, which /__edge/signed-cookies signs with.
   * @type {Set<string>}
   */
  const signedCookieStreams = new Set();
  /** @type {{ keyPairId: string, publicKeyPem: string, privateKeyPem: string } | null} */
  let signingKey = null;

  /** The key pair the edge trusts, made on first use (a 2048-bit RSA key takes a moment). */
  const trustedKey = () => {
    if (!signingKey) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      signingKey = { keyPairId: `K${randomBytes(6).toString('hex').toUpperCase()}`, publicKeyPem: publicKey, privateKeyPem: privateKey };
    }
    return signingKey;
  };

  /** Whether `path` names a stream that needs a cookie the request does not carry. @param {string} path @param {string | undefined} header */
  function lacksRequiredCookie(path, header) {
    for (const [id, cookie] of requiredCookies) {
      const [name, ...value] = cookie.split('=');
      if (path.includes(id) && cookiesOf(header)[name] !== value.join('=')) return true;
    }
    return false;
  }

  return {
    trustedKey,
    /**
     * The text of the 403 the edge answers, or null when the request may go on.
     * @param {{ path: string, url: string, cookieHeader: string | undefined }} request url: the full URL the viewer asked for
     */
    refusal({ path, url, cookieHeader }) {
      const signedCookieStream = [...signedCookieStreams].find((id) => path.includes(id));
      const refused = signedCookieStream && signedCookieRefusal(cookiesOf(cookieHeader), url, trustedKey(), now() / 1000);
      if (refused) return refused;
      return lacksRequiredCookie(path, cookieHeader) ? missingCookieText : null;
    },
    /** Replaces what the body names: `signedCookieStreams` (ids), `requiredCookies` (id -> "name=value"). */
    configure({ signedCookieStreams: signed, requiredCookies: required }) {
      if (signed !== undefined) {
        signedCookieStreams.clear();
        for (const id of signed ?? []) signedCookieStreams.add(String(id));
      }
      if (required !== undefined) {
        requiredCookies.clear();
        for (const [id, cookie] of Object.entries(required ?? {})) requiredCookies.set(id, String(cookie));
      }
    },
    snapshot: () => ({ requiredCookies: Object.fromEntries(requiredCookies), signedCookieStreams: [...signedCookieStreams] }),
  };
}
