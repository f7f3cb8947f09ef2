// AMS JWT play tokens, as an application backend makes them for viewers (HS256; claims streamId,
// type, exp): for the edge function's tests, the emulator's secured streams and the benchmark.
import { createHmac } from 'node:crypto';

const base64url = (value) => Buffer.from(value).toString('base64url');

/**
 * @param {{ secret: string, streamId: string, type?: string, expiresAt?: number | null, algorithm?: string,
 *   extraClaims?: Record<string, unknown> }} options expiresAt in seconds since 1970 (null: no exp
 *   claim; default an hour from now); algorithm only changes the header, for tests of forged tokens
 */
export function signStreamToken({ secret, streamId, type = 'play', expiresAt = Math.floor(Date.now() / 1000) + 3600, algorithm = 'HS256', extraClaims = {} }) {
  const header = base64url(JSON.stringify({ alg: algorithm, typ: 'JWT' }));
  const claims = { streamId, type, ...(expiresAt === null ? {} : { exp: expiresAt }), ...extraClaims };
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * An HS256 token over these claims exactly as written (JSON a signer would not write: `1e400`,
 * `"9999999999"`), for tests of how the edge reads claims.
 * @param {{ secret: string, claimsText: string }} options
 */
export function signClaimsText({ secret, claimsText }) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(claimsText);
  return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
}
