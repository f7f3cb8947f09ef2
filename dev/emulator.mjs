// The whole local stand-in for "CloudFront in front of Ant Media Server": the AMS origin
// emulator, then the edge emulator in front of it with Origin path = the app name.

import { startOrigin } from './origin.mjs';
import { startEdge } from './edge.mjs';

/**
 * @param {{
 *   app?: string, errorTtl?: number, streams?: object[], originPort?: number, edgePort?: number,
 *   staticDirectories?: string[], securedStreamSecret?: string, securedEdgePort?: number,
 * }} [options] errorTtl: Error Caching Minimum TTL for 404, in seconds. securedStreamSecret: also
 *   start a second distribution in front of the same origin whose edge runs the token check the
 *   package ships, on the recipe's behaviors, with this secret (`securedEdge`; null without it).
 */
export async function startEmulator({
  app = 'live',
  errorTtl = 3,
  streams = [],
  originPort = 0,
  edgePort = 0,
  staticDirectories = [],
  securedStreamSecret,
  securedEdgePort = 0,
} = {}) {
  const origin = await startOrigin({ port: originPort, app, streams, staticDirectories });
  let edge;
  let securedEdge = null;
  try {
    edge = await startEdge({ port: edgePort, originUrl: origin.url, originPath: `/${app}`, errorCachingMinTtl: { 404: errorTtl } });
    if (securedStreamSecret) {
      securedEdge = await startEdge({
        port: securedEdgePort, originUrl: origin.url, originPath: `/${app}`, errorCachingMinTtl: { 404: errorTtl },
        viewerRequest: { keyValueStore: { 'ams-jwt-stream-secret': securedStreamSecret } },
      });
    }
  } catch (error) {
    // Do not leave anything listening when an edge cannot start (e.g. its port is taken).
    await edge?.close();
    await origin.close();
    throw error;
  }
  return {
    originUrl: origin.url,
    edgeUrl: edge.url,
    origin,
    edge,
    securedEdge,
    async close() {
      await securedEdge?.close();
      await edge.close();
      await origin.close();
    },
  };
}
