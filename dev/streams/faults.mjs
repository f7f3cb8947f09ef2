// Faults injected on demand: error statuses, slow responses, single missing segments/parts and
// corrupt media that the browser's decoder rejects.
import { RequestError } from './registry.mjs';

const resourceNames = new Set(['any', 'playlist', 'segment', 'part']);

/**
 * @typedef {object} Fault
 * @property {number} faultId
 * @property {'status'|'slow'|'missing'|'corrupt'} kind
 * @property {string|null} id          stream id, null = every stream
 * @property {'any'|'playlist'|'segment'|'part'} resource   (status, slow and corrupt)
 * @property {number} status           (status)
 * @property {number} delayMs          (slow)
 * @property {number} mediaSequence    (missing)
 * @property {number|null} part        (missing) null = the whole segment file
 * @property {number|null} expiresAt   wall ms, null = until cleared
 */

/**
 * @param {() => number} now
 * @param {(id: string) => { mediaSequence: number, part: number } | null} nextMedia  what 'next' means for a stream
 */
export function createFaults(now, nextMedia) {
  /** @type {Map<number, Fault>} */
  const faults = new Map();
  let nextFaultId = 1;

  function add(specification) {
    const { kind, id = null, resource = 'any', seconds = null } = specification ?? {};
    if (!['status', 'slow', 'missing', 'corrupt'].includes(kind)) throw new RequestError(400, "kind must be 'status', 'slow', 'missing' or 'corrupt'");
    if (id !== null && typeof id !== 'string') throw new RequestError(400, 'id must be a stream id string');
    if (!resourceNames.has(resource)) throw new RequestError(400, "resource must be 'any', 'playlist', 'segment' or 'part'");
    if (seconds !== null && !(typeof seconds === 'number' && seconds >= 0)) throw new RequestError(400, 'seconds must be a number >= 0');
    const fault = { faultId: nextFaultId++, kind, id, resource, expiresAt: seconds === null ? null : now() + seconds * 1000 };
    if (kind === 'status') {
      fault.status = specification.status ?? 503;
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) throw new RequestError(400, 'status must be 400..599');
    } else if (kind === 'slow') {
      fault.delayMs = specification.delayMs ?? 1000;
      if (!(typeof fault.delayMs === 'number' && fault.delayMs >= 0)) throw new RequestError(400, 'delayMs must be a number >= 0');
    } else if (kind === 'missing') {
      let { mediaSequence, part = null } = specification;
      if (mediaSequence === 'next' || part === 'next') {
        if (id === null) throw new RequestError(400, "'next' needs a stream id");
        const next = nextMedia(id);
        if (!next) throw new RequestError(404, `stream ${id} is not live`);
        if (mediaSequence === 'next' || mediaSequence === undefined) mediaSequence = next.mediaSequence;
        if (part === 'next') ({ mediaSequence, part } = next);
      }
      if (!Number.isInteger(mediaSequence) || mediaSequence < 0) throw new RequestError(400, "mediaSequence must be an integer >= 0 or 'next'");
      if (part !== null && !(Number.isInteger(part) && part >= 0)) throw new RequestError(400, "part must be an integer >= 0, 'next' or null");
      Object.assign(fault, { mediaSequence, part });
    }
    faults.set(fault.faultId, fault);
    return fault;
  }

  function matching(kind, request) {
    const time = now();
    return [...faults.values()].filter((fault) =>
      fault.kind === kind &&
      (fault.expiresAt === null || time < fault.expiresAt) &&
      (fault.id === null || fault.id === request.id) &&
      (kind === 'missing' || fault.resource === 'any' || fault.resource === request.resource));
  }

  return {
    add,
    remove: (faultId) => faults.delete(faultId),
    clear: () => faults.clear(),
    list: () => [...faults.values()],
    /** Extra delay (ms) for a request { id, resource }. */
    delayFor: (request) => Math.max(0, ...matching('slow', request).map((fault) => fault.delayMs)),
    /** Forced status for a request, or null. */
    statusFor: (request) => matching('status', request).at(-1)?.status ?? null,
    /** Whether media for a request { id, resource } must be served corrupt. */
    isCorrupt: (request) => matching('corrupt', request).length > 0,
    /** Whether a segment (part null) or part of a stream must 404. */
    isMissing: (request) => matching('missing', request).some((fault) =>
      fault.mediaSequence === request.mediaSequence && fault.part === (request.part ?? null)),
  };
}
