// The whole local stand-in for "CloudFront in front of Ant Media Server": the AMS origin
// emulator, then the edge emulator in front of it with Origin path = the app name.

import { startOrigin } from './origin.mjs';
import { startEdge } from './edge.mjs';

/**
 * @param {{
 *   app?: string, errorTtl?: number, streams?: object[], originPort?: number, edgePort?: number,
 *   staticDirectories?: string[],
 * }} [options] errorTtl: Error Caching Minimum TTL for 404, in seconds
 */
export async function startEmulator({
  app = 'live',
  errorTtl = 3,
  streams = [],
  originPort = 0,
  edgePort = 0,
  staticDirectories = [],
} = {}) {
  const origin = await startOrigin({ port: originPort, app, streams, staticDirectories });
  let edge;
  try {
    edge = await startEdge({ port: edgePort, originUrl: origin.url, originPath: `/${app}`, errorCachingMinTtl: { 404: errorTtl } });
  } catch (error) {
    // Do not leave the origin listening when the edge cannot start (e.g. its port is taken).
    await origin.close();
    throw error;
  }
  return {
    originUrl: origin.url,
    edgeUrl: edge.url,
    origin,
    edge,
    async close() {
      await edge.close();
      await origin.close();
    },
  };
}
