// One origin response that several viewers may read at once: the first viewer gets
// the body streamed as it arrives, collapsed viewers join mid-way and replay the
// chunks they missed, and the finished body is what the cache keeps.

export class SharedResponse {
  /**
   * @param {number} status
   * @param {Record<string, string | string[]>} headers origin headers, hop-by-hop ones removed
   * @param {{ generated?: boolean }} [options] generated: made up by the edge (502, 504), not from the origin
   */
  constructor(status, headers, { generated = false } = {}) {
    this.status = status;
    this.headers = headers;
    this.generated = generated;
    /** @type {Buffer[]} */
    this.chunks = [];
    this.complete = false;
    /** @type {Error | null} */
    this.failure = null;
    /** @type {Set<{ onChunk(chunk: Buffer): void, onEnd(): void, onFail(error: Error): void }>} */
    this.readers = new Set();
    /** Resolves true once the whole body arrived, false if the origin broke off. */
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
  }

  /** A response whose whole body is already known (edge-generated or from a test). */
  static complete(status, headers, body = '', options = {}) {
    const response = new SharedResponse(status, headers, options);
    if (body.length > 0) response.push(Buffer.from(body));
    response.end();
    return response;
  }

  /** @param {Buffer} chunk */
  push(chunk) {
    this.chunks.push(chunk);
    for (const reader of this.readers) reader.onChunk(chunk);
  }

  end() {
    if (this.complete || this.failure) return;
    this.complete = true;
    for (const reader of this.readers) reader.onEnd();
    this.readers.clear();
    this.resolveDone(true);
  }

  /** @param {Error} error */
  fail(error) {
    if (this.complete || this.failure) return;
    this.failure = error;
    for (const reader of this.readers) reader.onFail(error);
    this.readers.clear();
    this.resolveDone(false);
  }

  /** The whole body; only meaningful once `complete`. */
  body() {
    return Buffer.concat(this.chunks);
  }

  /**
   * Write the body (what has arrived so far, then the rest as it comes) to a client.
   * @param {import('node:http').ServerResponse} clientResponse headers must already be written
   */
  pipeTo(clientResponse) {
    for (const chunk of this.chunks) clientResponse.write(chunk);
    if (this.complete) return void clientResponse.end();
    if (this.failure) return void clientResponse.destroy(this.failure);
    const reader = {
      onChunk: (chunk) => clientResponse.write(chunk),
      onEnd: () => clientResponse.end(),
      // A truncated body must look truncated to the client, not like a short success.
      onFail: (error) => clientResponse.destroy(error),
    };
    this.readers.add(reader);
    // A viewer that leaves must not keep receiving (or hold memory for) the rest.
    clientResponse.on('close', () => this.readers.delete(reader));
  }
}
