// A request's body, read whole (the edge's control proxy and admin routes take small JSON bodies).

/** @param {import('node:http').IncomingMessage} request */
export async function readBodyBytes(request) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** @param {import('node:http').IncomingMessage} request */
export async function readBody(request) {
  return (await readBodyBytes(request)).toString();
}
