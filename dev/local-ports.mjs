// Local helper processes (Varnish, WebKitWebDriver) listen on ports handed out here and are
// waited for until they accept connections.

import net from 'node:net';

/** A free local port, as the OS hands it out. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once something accepts connections on `port`; rejects if `child` exits first or after `timeoutMs`.
 * @param {{ port: number, timeoutMs: number, child: import('node:child_process').ChildProcess, name: string }} options
 */
export async function acceptingConnections({ port, timeoutMs, child, name }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${name} did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
