// The edge emulator's own routes under /__edge/: its request log, its cache, its settings, and what
// a sign-in page or a viewer's backend would hand out (cookies, signed cookies, play tokens).
// Never part of what CloudFront serves.
import { corsHeadersFor } from './cors.mjs';
import { readBody } from './request-body.mjs';
import { signCloudFrontCookies } from '../signed-cookies.mjs';
import { signStreamToken } from '../stream-token.mjs';

/**
 * @param {{
 *   log: object[], cache: { clear(): void }, now: () => number,
 *   config(): object, configure(body: object): void,
 *   trustedKey(): { keyPairId: string, privateKeyPem: string },
 *   tokenSecret(): string | undefined,
 * }} edge configure: applies a POST /__edge/config body (throws on a bad one); tokenSecret: the
 *   secret the running token check reads from its KeyValueStore, if any
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse, path: string, target: string) => Promise<void>}
 */
export function createAdminRoutes(edge) {
  return async function handleAdmin(request, response, path, target) {
    /** @type {Record<string, string | string[]>} */
    let extraHeaders = {};
    const json = (status, value) => {
      // Credentialed, so a test page can have the edge set a cookie (see /__edge/cookie).
      response.writeHead(status, { ...corsHeadersFor(request, true), 'content-type': 'application/json', 'cache-control': 'no-store', ...extraHeaders });
      response.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const parameters = new URLSearchParams(target.split('?')[1] ?? '');
    const route = `${request.method} ${path}`;
    if (route === 'GET /__edge/log') {
      const since = Number(parameters.get('since'));
      return json(200, Number.isFinite(since) && since > 0 ? edge.log.filter((entry) => entry.time >= since) : edge.log);
    }
    if (route === 'DELETE /__edge/log') { edge.log.length = 0; return json(204); }
    if (route === 'POST /__edge/cache/clear') { edge.cache.clear(); return json(204); }
    if (route === 'GET /__edge/config') return json(200, edge.config());
    if (route === 'POST /__edge/cookie') {
      // A cookie for the edge's host, set as a sign-in page would set CloudFront's signed cookies.
      // Lax: sent by pages of the same site (another port of the same host), as a browser that
      // blocks third-party cookies still sends them.
      const cookie = parameters.get('cookie') ?? '';
      if (!/^[\w-]+=[\w-]*$/.test(cookie)) return json(400, { error: 'cookie must be name=value (letters, digits, _ and -)' });
      extraHeaders = { 'set-cookie': `${cookie}; Path=/; SameSite=Lax` };
      return json(204);
    }
    if (route === 'POST /__edge/signed-cookies') {
      // A sign-in page's answer: CloudFront signed cookies for `resource` (a URL pattern), made with
      // the key the edge trusts. Lax, as /__edge/cookie sets its cookie.
      const resource = parameters.get('resource') ?? '';
      const expiresIn = Number(parameters.get('expiresIn') ?? 3600);
      if (!resource || !Number.isFinite(expiresIn)) return json(400, { error: 'resource (a URL pattern) and a numeric expiresIn are required' });
      const { keyPairId, privateKeyPem } = edge.trustedKey();
      const cookies = signCloudFrontCookies({ privateKeyPem, keyPairId, resource, expiresAt: Math.floor(edge.now() / 1000 + expiresIn) });
      extraHeaders = { 'set-cookie': Object.entries(cookies).map(([name, value]) => `${name}=${value}; Path=/; SameSite=Lax`) };
      return json(204);
    }
    if (route === 'POST /__edge/play-token') {
      // A viewer's backend, for the local demo: an AMS JWT play token signed with the secret the
      // token check reads from its KeyValueStore (never served by CloudFront; it stays in this process).
      const streamId = parameters.get('streamId') ?? '';
      const expiresIn = Number(parameters.get('expiresIn') ?? 3600);
      const secret = edge.tokenSecret();
      if (!secret) return json(404, { error: 'no token check with a secret runs on this edge' });
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(streamId) || !Number.isFinite(expiresIn)) return json(400, { error: 'streamId (letters, digits, _ and -) and a numeric expiresIn are required' });
      return json(200, { token: signStreamToken({ secret, streamId, expiresAt: Math.floor(edge.now() / 1000 + expiresIn) }) });
    }
    if (route === 'POST /__edge/config') {
      try {
        edge.configure(JSON.parse((await readBody(request)) || '{}'));
      } catch (error) {
        return json(400, { error: String(error?.message ?? error) });
      }
      return json(200, edge.config());
    }
    return json(404, { error: `no edge route ${route}` });
  };
}
