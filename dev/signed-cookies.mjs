// CloudFront signed cookies with a custom policy, as AWS documents them: CloudFront-Policy (the
// policy JSON, base64), CloudFront-Signature (RSA-SHA1 of that JSON) and CloudFront-Key-Pair-Id,
// base64 made URL-safe CloudFront's way (+ -> -, = -> _, / -> ~). The edge emulator checks them
// as CloudFront does for a behavior that trusts the key; a sign-in page (or a test) makes them.
import { createSign, createVerify } from 'node:crypto';

/** @param {string | Buffer} bytes */
const toCloudFrontBase64 = (bytes) => Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
const fromCloudFrontBase64 = (text) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

/**
 * The three cookies (name -> value) that grant `resource` (a URL, * and ? as wildcards) until
 * `expiresAt` (seconds since 1970).
 * @param {{ privateKeyPem: string, keyPairId: string, resource: string, expiresAt: number }} options
 */
export function signCloudFrontCookies({ privateKeyPem, keyPairId, resource, expiresAt }) {
  const policy = JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expiresAt } } }] });
  const signature = createSign('RSA-SHA1').update(policy).sign(privateKeyPem);
  return {
    'CloudFront-Policy': toCloudFrontBase64(policy),
    'CloudFront-Signature': toCloudFrontBase64(signature),
    'CloudFront-Key-Pair-Id': keyPairId,
  };
}

/** Whether a policy's Resource pattern (* any run, ? one character) matches `url`. */
function resourceMatches(pattern, url) {
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`).test(url);
}

/**
 * Why CloudFront would refuse a request for `url` with these cookies, or null when it grants it.
 * @param {Record<string, string | undefined>} cookies @param {string} url
 * @param {{ keyPairId: string, publicKeyPem: string }} trustedKey @param {number} nowSeconds
 */
export function signedCookieRefusal(cookies, url, trustedKey, nowSeconds) {
  const policyText = cookies['CloudFront-Policy'];
  const signature = cookies['CloudFront-Signature'];
  const keyPairId = cookies['CloudFront-Key-Pair-Id'];
  if (!policyText || !signature || !keyPairId) return 'Missing Key-Pair-Id query parameter or cookie value';
  if (keyPairId !== trustedKey.keyPairId) return 'Unknown Key';
  const policy = fromCloudFrontBase64(policyText);
  if (!createVerify('RSA-SHA1').update(policy).verify(trustedKey.publicKeyPem, fromCloudFrontBase64(signature))) return 'Access denied: bad signature';
  let statement;
  try {
    statement = JSON.parse(policy.toString('utf8')).Statement?.[0];
  } catch {
    return 'Malformed Policy';
  }
  const expires = statement?.Condition?.DateLessThan?.['AWS:EpochTime'];
  if (typeof expires !== 'number' || nowSeconds >= expires) return 'Access denied: expired';
  if (typeof statement.Resource !== 'string' || !resourceMatches(statement.Resource, url)) return 'Access denied: resource';
  return null;
}
