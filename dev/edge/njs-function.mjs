// Runs a CloudFront Function file (viewer request, JavaScript runtime 2.0) in njs, the engine the
// runtime is built on (Debian's package `njs`), the way the edge would: the exact file, as an ES
// module, with the `cloudfront` module (dev/edge/njs-modules/cloudfront) and CloudFront's event
// shape. A syntax or API njs lacks fails here, as the deployment would. Same interface as
// loadViewerFunction (dev/edge/viewer-function.mjs), so one table of cases runs in both.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { handlerOutcome, readFunctionCode, viewerRequestEvent } from './viewer-function.mjs';

export const njsPath = process.env.NJS_PATH ?? 'njs';
const modulesDirectory = fileURLToPath(new URL('./njs-modules/', import.meta.url));
/** What the harness prints before its one result line, apart from the function's own logs. */
const resultMarker = '@@result ';

/** njs's version, or null where it is not installed. */
export function njsVersion() {
  const { status, stdout } = spawnSync(njsPath, ['-v'], { encoding: 'utf8' });
  return status === 0 ? stdout.trim() : null;
}

export const njsMissing = 'njs, the engine CloudFront Functions run on, is not installed: apt-get install njs (or set NJS_PATH).';

/**
 * Runs `code` (a function file's text) in njs on `events` one after another, `repeat` times each,
 * with these KeyValueStore entries; the handler's results (a request or a response, as JSON),
 * the function's log lines, and the milliseconds per handler call, measured in njs.
 */
function runInNjs({ code, events, keyValueStore, repeat = 1 }) {
  // Appended after the file, which it leaves as it is; CloudFront calls `handler` the same way.
  const harness = `
;(function () {
  globalThis.cloudfrontKeyValueStore = ${JSON.stringify(keyValueStore)};
  var events = ${JSON.stringify(events)};
  var repeat = ${repeat};
  var results = [];
  // Each call gets its own copy of its event (a function may change it), made before the clock starts.
  var copies = [];
  for (var copy = 0; copy < events.length * repeat; copy++) copies.push(JSON.parse(JSON.stringify(events[copy % events.length])));
  var started = Date.now();
  var index = 0;
  // njs's console.log cuts a long line: the result goes out in lines of 1000 characters.
  function report(outcome) {
    var text = JSON.stringify(outcome);
    for (var start = 0; start < text.length; start += 1000) console.log(${JSON.stringify(resultMarker)} + text.slice(start, start + 1000));
  }
  function next() {
    if (index === events.length * repeat) {
      report({ results: results, millisecondsPerCall: (Date.now() - started) / (events.length * repeat) });
      return;
    }
    var event = copies[index];
    index++;
    handler(event).then(function (result) {
      if (index <= events.length) results.push(result === undefined ? null : result);
      next();
    }, function (error) {
      report({ error: String(error && error.stack || error) });
    });
  }
  next();
})();
`;
  // njs looks for a module in its working directory first: there, the `cloudfront` module (the
  // project's own cloudfront/ folder would be found instead).
  const { status, stdout, stderr, error } = spawnSync(njsPath, ['-t', 'module', '-p', modulesDirectory, '-'], { input: code + harness, encoding: 'utf8', timeout: 60_000, cwd: modulesDirectory });
  if (error) throw new Error(`${njsMissing} (${error.message})`);
  const lines = stdout.split('\n');
  const resultLines = lines.filter((line) => line.startsWith(resultMarker));
  if (status !== 0 || resultLines.length === 0) throw new Error(`njs could not run the function (exit ${status}): ${(stderr || stdout).trim()}`);
  const outcome = JSON.parse(resultLines.map((line) => line.slice(resultMarker.length)).join(''));
  if (outcome.error) throw new Error(`the handler threw in njs: ${outcome.error}`);
  return { ...outcome, logs: lines.filter((line) => line && !line.startsWith(resultMarker)) };
}

/**
 * Loads `path` and returns a function that runs its handler in njs on one viewer request (a new
 * njs each time), with the interface of loadViewerFunction.
 * @param {{ path: string, keyValueStore?: Record<string, string>, log?: (line: string) => void }} options
 */
export function loadNjsViewerFunction({ path, keyValueStore = {}, log = () => {} }) {
  const code = readFunctionCode(path);
  return async function runViewerRequest({ method, target, headers }) {
    const { results: [result], logs, millisecondsPerCall } = runInNjs({ code, events: [viewerRequestEvent({ method, target, headers })], keyValueStore });
    for (const line of logs) log(line);
    return handlerOutcome({ result, method, path, durationMs: millisecondsPerCall });
  };
}

/**
 * Milliseconds per handler call in njs over `repeat` calls of each of these requests (one njs
 * process, so its start is not counted).
 * @param {{ path: string, keyValueStore?: Record<string, string>, requests: { method: string, target: string, headers: Record<string, string> }[], repeat: number }} options
 */
export function timeInNjs({ path, keyValueStore = {}, requests, repeat }) {
  const code = readFunctionCode(path);
  return runInNjs({ code, events: requests.map(viewerRequestEvent), keyValueStore, repeat }).millisecondsPerCall;
}
