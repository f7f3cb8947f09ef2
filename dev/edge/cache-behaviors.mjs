// Which requests a viewer-request function runs on, as CloudFront decides it: a request falls under
// the first cache behavior whose path pattern matches its *normalized* path, else the default
// behavior (`*`); the function associated with that behavior then sees the *raw* path, and the
// origin gets the raw path too (../shared REFERENCE: "a check on a prefix of the path is a check on
// nothing"). The Node edge and the Varnish front both use this, so a request that slips past a
// behavior here slips past it on both.

import { fileURLToPath } from 'node:url';
import { loadViewerFunction } from './viewer-function.mjs';

/** The viewer-request function the package ships (cloudfront/README.md). */
export const streamTokenFunctionPath = fileURLToPath(new URL('../../cloudfront/verify-stream-token.js', import.meta.url));

/** The recipe's cache behaviors, in CloudFront's order; a request that matches none falls under the default (`*`). */
export const recipeBehaviors = Object.freeze(['/streams/*', '/previews/*']);

/** The recipe's associations: the token check on `streams/*` and `previews/*`, and on the default behavior as the guard. */
export const recipeFunctionBehaviors = Object.freeze(['/streams/*', '/previews/*', '*']);

/** The recipe before the guard (issue 30): the default behavior ran no function; kept to show the way around it. */
export const streamBehaviorsOnly = Object.freeze(['/streams/*', '/previews/*']);

/** Percent escapes of RFC 3986's unreserved characters, which its normalization decodes. */
const unreservedEscape = /%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

/**
 * The path CloudFront compares with path patterns, as the emulator models it: RFC 3986's
 * normalization (escapes of unreserved characters decoded, dot segments removed) with `//` merged.
 * The guard on the default behavior does not rely on which of these CloudFront really does.
 * @param {string} rawPath
 */
export function matchingPath(rawPath) {
  const decoded = rawPath.replace(unreservedEscape, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  /** @type {string[]} */
  const segments = [];
  const parts = decoded.split('/').slice(1);
  for (const [index, part] of parts.entries()) {
    if (part === '..') segments.pop();
    if (part === '..' || part === '.') {
      if (index === parts.length - 1) segments.push('');
    } else if (part !== '' || index === parts.length - 1) {
      segments.push(part);
    }
  }
  return `/${segments.join('/')}`;
}

/**
 * A CloudFront path pattern: `*` any characters, `?` one, case-sensitive, the leading `/` optional.
 * @param {string} pattern @param {string} path
 */
export function pathPatternMatches(pattern, path) {
  if (pattern === '*') return true;
  const expression = `/${pattern.replace(/^\//, '')}`.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`, 's').test(path);
}

/**
 * The recipe's cache behavior a request for `rawPath` falls under: its pattern, or `*`.
 * @param {string} rawPath
 */
export function cacheBehaviorOf(rawPath) {
  const normalized = matchingPath(rawPath);
  return recipeBehaviors.find((pattern) => pathPatternMatches(pattern, normalized)) ?? '*';
}

/**
 * Loads a viewer-request function with the behaviors it is associated with (patterns, `*` the default
 * behavior) and says which requests it runs on.
 * @param {{ functionPath?: string, keyValueStore?: Record<string, string>, behaviors?: readonly string[], log?: (line: string) => void }} options
 *   behaviors: of recipeBehaviors and `*`, those the function is associated with
 */
export function associatedViewerFunction({ functionPath = streamTokenFunctionPath, keyValueStore = {}, behaviors = recipeFunctionBehaviors, log }) {
  if (!Array.isArray(behaviors) || !behaviors.every((pattern) => pattern === '*' || recipeBehaviors.includes(pattern))) {
    throw new TypeError(`behaviors must list some of ${[...recipeBehaviors, '*'].join(', ')} ("*": the default behavior), got ${JSON.stringify(behaviors)}`);
  }
  const run = loadViewerFunction({ path: functionPath, keyValueStore, log });
  return {
    functionPath,
    behaviors: [...behaviors],
    /** The entries of its KeyValueStore (the token check's secret among them). */
    keyValueStore: { ...keyValueStore },
    run,
    /** Whether the function runs on a request for `rawPath` (no query). @param {string} rawPath */
    runsOn(rawPath) {
      return behaviors.includes(cacheBehaviorOf(rawPath));
    },
  };
}
