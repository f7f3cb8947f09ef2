// `npm start`: the AMS origin emulator and the CloudFront edge emulator on friendly ports,
// serving the built component (dist/) and the demo pages (demo/) as AMS would serve play.html.

import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator.mjs';

const host = '127.0.0.1';
const repository = fileURLToPath(new URL('..', import.meta.url));
const laterStartSeconds = 15;

/** The wanted port if nothing listens on it, else 0 (any free port). */
async function portOrFallback(wanted) {
  const free = await new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(wanted, host, () => probe.close(() => resolve(true)));
  });
  if (!free) console.warn(`port ${wanted} is taken; using a free one instead`);
  return free ? wanted : 0;
}

const emulator = await startEmulator({
  app: 'live',
  errorTtl: 3,
  edgePort: await portOrFallback(Number(process.env.EDGE_PORT ?? 8080)),
  originPort: await portOrFallback(Number(process.env.ORIGIN_PORT ?? 5080)),
  // A second distribution whose edge runs the token check (cloudfront/README.md), with a secret
  // made for this run; /__edge/play-token on it mints tokens for the demo.
  securedEdgePort: await portOrFallback(Number(process.env.SECURED_EDGE_PORT ?? 8081)),
  securedStreamSecret: randomBytes(32).toString('base64url'),
  staticDirectories: [`${repository}dist`, `${repository}demo`],
  streams: [
    // startIn < 0: live since that many seconds ago, so the playlist window is full at once.
    { id: 'stream01', llHls: 'apple', startIn: -30 },
    { id: 'stream02', llHls: 'ams', startIn: -30 },
    { id: 'adaptive01', adaptive: true, startIn: -30 },
    { id: 'later01', startIn: laterStartSeconds },
    { id: 'secure01', llHls: 'ams', startIn: -30 },
  ],
});

const { edgeUrl, originUrl } = emulator;
const securedEdgeUrl = emulator.securedEdge.url;
console.log(`
CloudFront edge emulator  ${edgeUrl}   (origin path /live, 404s cached for 3 s)
AMS origin emulator       ${originUrl}/live/

Open (through the edge, as viewers reach CloudFront):
  Playground                  ${edgeUrl}/
  LL-HLS, Apple-style parts   ${edgeUrl}/play.html?id=stream01&playOrder=ll-hls
  HLS                         ${edgeUrl}/play.html?id=stream01&playOrder=hls
  LL-HLS, AMS plugin style    ${edgeUrl}/play.html?id=stream02&playOrder=ll-hls
  Adaptive bitrate            ${edgeUrl}/play.html?id=adaptive01&playOrder=hls
  ${`Goes live in ~${laterStartSeconds} s`.padEnd(28)}${edgeUrl}/play.html?id=later01&playOrder=ll-hls,hls

A secured stream, JWT play tokens checked at the edge (cloudfront/verify-stream-token.js):
  Secured edge emulator       ${securedEdgeUrl}   (the token check on streams/*, previews/* and the default behavior)
  Demo with a minted token    ${securedEdgeUrl}/secured.html
  Mint a token yourself       POST ${securedEdgeUrl}/__edge/play-token?streamId=secure01&expiresIn=3600

Inspect and drive:
  Edge request log            ${edgeUrl}/__edge/log        (DELETE to clear, ?since=<ms>)
  Edge cache / config         POST ${edgeUrl}/__edge/cache/clear, POST ${edgeUrl}/__edge/config
  Origin control API          ${edgeUrl}/control/log , POST ${edgeUrl}/control/streams/<id>/stop|start

Ctrl+C to stop.
`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  // A viewer connection that will not close must not keep the process alive.
  setTimeout(() => process.exit(0), 3000).unref();
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
