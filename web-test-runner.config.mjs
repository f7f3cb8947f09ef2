// Browser tests: real headless Chromium, real hls.js, and the project's own AMS origin and
// CloudFront edge emulators on 127.0.0.1, started here for the whole run.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFlags, chromiumPath } from './dev/chromium.mjs';
import { engines, firefoxPath, firefoxPreferences, startWebKitDriver, webKitCapabilities } from './dev/engines.mjs';
import { startEmulator } from './dev/emulator.mjs';
import { startVarnishEdge, varnishInstalled, varnishMissing } from './dev/varnish.mjs';

// dist/ (built by `npm test` before this runs), demo/ and test/pages/ are served as AMS serves play.html, so
// tests can open the built drop-in and the demo pages through the edge.
// The secured-stream tests' distribution: the edge token check on the recipe's behaviors, with this
// secret, an edge of their own so the check never meets the other tests' requests, which run beside
// them in other engines.
const securedStreamSecret = 'browser-test-jwt-stream-secret-of-32+';
const emulator = await startEmulator({ errorTtl: 3, securedStreamSecret, staticDirectories: ['dist', 'demo', 'test/pages'].map((directory) => fileURLToPath(new URL(directory, import.meta.url))) });

// A real cache too: the CDN resilience tests run a second time with Varnish as the edge (its VCL
// configured as the recipe configures CloudFront), in front of the same origin. Without Varnish the
// run fails here, saying how to install it, rather than passing without those tests.
if (!varnishInstalled()) {
  await emulator.close();
  throw new Error(varnishMissing);
}
const varnish = await startVarnishEdge({ originUrl: emulator.originUrl, errorTtl: 3 });

// Firefox and WebKit run where they are installed; a run without one says so, at its start and its
// end, with how to install it. CI (.ci/run sets REQUIRE_EVERY_ENGINE=1) has them: a skip fails the run.
const installed = { firefox: engines.firefox.installed(), webkit: engines.webkit.installed() };
const skippedMessage = Object.entries(installed)
  .filter(([, isInstalled]) => !isInstalled)
  .map(([name]) => `Skipped ${name}: not installed here. To run it: ${engines[name].install}`)
  .join('\n');
if (skippedMessage && process.env.REQUIRE_EVERY_ENGINE === '1') {
  await Promise.all([varnish.close(), emulator.close()]);
  throw new Error(`Every engine is required (REQUIRE_EVERY_ENGINE=1).\n${skippedMessage}`);
}
if (skippedMessage) console.warn(skippedMessage);
// WebKitGTK's MiniBrowser, driven by WebKitWebDriver in a virtual display. dev/browser-tests.mjs
// runs WebKit's group in a web-test-runner of its own, beside this one (WITHOUT_WEBKIT=1).
const webKitDriver = installed.webkit && process.env.WITHOUT_WEBKIT !== '1' ? await startWebKitDriver({ compositing: true }) : null;

/** Closes the emulators with the test server, so the run exits on its own. */
const emulatorPlugin = {
  name: 'emulator',
  async serverStop() {
    await webKitDriver?.close();
    await varnish.close();
    await emulator.close();
    if (skippedMessage) console.warn(skippedMessage);
  },
};

/** The page the tests run in, told which edge to use. */
const runnerHtml = (edgeUrl) => (testFramework) => `<!doctype html>
<html>
  <body>
    <script>window.emulator = ${JSON.stringify({ edgeUrl, originUrl: emulator.originUrl, securedEdge: { url: emulator.securedEdge.url, secret: securedStreamSecret } })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

/**
 * `executeServerCommand('block-network', { blocked })` from a test: Chromium fails every request
 * to the emulator (as when the network is down), through the DevTools protocol. Chromium's own
 * offline emulation would also cut the test runner's connection to the page.
 */
const devtoolsSessions = new Map();
const networkPlugin = {
  name: 'network-conditions',
  async executeCommand({ command, payload, session }) {
    if (command !== 'block-network') return undefined;
    // One DevTools session per page: blocking set through one session is cleared only through it.
    let client = devtoolsSessions.get(session.id);
    if (!client) {
      client = await session.browser.getPage(session.id).createCDPSession();
      await client.send('Network.enable');
      devtoolsSessions.set(session.id, client);
    }
    const urls = payload?.blocked ? [`${emulator.edgeUrl}/*`, `${emulator.originUrl}/*`] : [];
    await client.send('Network.setBlockedURLs', { urls });
    return true;
  },
};

/**
 * `executeServerCommand('page-progress', { test, players })` from test/browser/mount.ts every 2 s:
 * the test running and the end of its players' traces, kept per page, for the report of a page that
 * froze (it can no longer say what it was doing).
 */
const pageProgress = new Map();
const pageProgressPlugin = {
  name: 'page-progress',
  async executeCommand({ command, payload, session }) {
    if (command !== 'page-progress') return undefined;
    pageProgress.set(session.id, payload);
    return true;
  },
};

/**
 * Firefox and WebKit run what differs between engines: MediaSource,
 * autoplay, the media stack's buffering and errors, full screen and picture-in-picture, keyboard
 * focus, and the pure logic's JavaScript. Playback, CDN resilience, bad input, the stream's
 * lifecycle, the controls with the keyboard, the playlist loader and the probe, and the unit tests
 * (pure logic; what reaches the emulators lives in test/browser). What only repeats hls.js's own
 * logic on the same engine code (LL-HLS timing, the bench's latency) stays Chromium's; so does
 * going offline (network-offline.test.ts), which needs DevTools' request blocking.
 */
const everyEngineFiles = [
  'test/unit/**/*.test.ts',
  'test/browser/playback.test.ts',
  'test/browser/cdn-resilience.test.ts',
  'test/browser/bad-input.test.ts',
  'test/browser/stream-lifecycle.test.ts',
  'test/browser/ui-controls.test.ts',
  // The loader and the probe over each engine's own fetch and XHR, against the emulators.
  'test/browser/playlist-loader.test.ts',
  'test/browser/stream-probe.test.ts',
];

const firefox = chromeLauncher({
  // puppeteer-core drives Firefox over WebDriver BiDi.
  puppeteer: puppeteerCore,
  launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox: firefoxPreferences },
});

/** Where a frozen page's evidence is kept. */
const freezeReportDirectory = join(process.env.WEBKIT_FREEZE_REPORTS ?? 'test-results', 'webkit-freezes');

/** Thread 1's stack (the main thread's) of each web process in gdb's `thread apply all bt` output. */
function mainThreadStack(stacks) {
  const threads = stacks.split(/\n(?=Thread \d+ \(|Web process \d+:)/);
  const main = threads.filter((text) => text.startsWith('Thread 1 ('));
  return main.length > 0 ? main.join('\n') : stacks.slice(0, 4000);
}

/** The sessions (a test file in a browser) whose WebKit page froze. */
const frozenSessions = new Set();

/**
 * WebKit gets a new MiniBrowser for each test file (the web-test-runner launcher keeps one for the
 * whole group): a web process that stops answering fails its own file, not every file after it.
 *
 * WebKitGTK's web process still freezes now and then, whatever the page does (less often with
 * accelerated compositing: see startWebKitDriver). A page whose main thread has not run at all for
 * 30 s, and that does not answer WebDriver within 10 s, is closed at once, so its file fails then
 * rather than at testsFinishTimeout (the reporter below names it, and dev/browser-tests.mjs runs it
 * once more).
 */
class MiniBrowserPerFile extends WebdriverLauncher {
  #stopWatch = () => {};

  async startSession(id, url) {
    this.#stopWatch = webKitDriver.watchForStillWebProcess({ stillMs: 30_000, onStill: () => this.#closeIfFrozen(id) });
    return super.startSession(id, url);
  }

  async #closeIfFrozen(id) {
    const answered = await Promise.race([
      this.driver ? this.driver.execute('return true').then(() => true, () => false) : false,
      new Promise((resolve) => setTimeout(resolve, 10_000, false)),
    ]);
    if (answered || frozenSessions.has(id)) return;
    frozenSessions.add(id);
    // The evidence: what the page last said it did, and where its threads wait (gdb), kept in a file.
    const stacks = await webKitDriver.webProcessStacks();
    const progress = pageProgress.get(id);
    const stacksPath = join(freezeReportDirectory, `${id}.txt`);
    mkdirSync(freezeReportDirectory, { recursive: true });
    writeFileSync(stacksPath, `${progress?.test ?? 'No test had started.'}\n\n${progress?.players ?? ''}\n\n${stacks}\n`);
    console.warn([
      'WebKitGTK\'s web process froze (its main thread ran nothing for 30 s and WebDriver got no answer): closing it.',
      `It froze in: ${progress?.test ?? 'no test yet'}`,
      `Its players, 2 s or less before:\n${progress?.players || 'none'}`,
      `Its main thread (every thread's stack: ${stacksPath}):\n${mainThreadStack(stacks)}`,
    ].join('\n'));
    webKitDriver.closeBrowsers();
  }

  async stopSession(id) {
    this.#stopWatch();
    try {
      return await super.stopSession(id);
    } finally {
      await this.stop();
      // A browser that stopped answering keeps its WebDriver session (stop() could not end it), and
      // the next file would be sent to it: close it, so the next file gets a new one.
      if (this.driver) {
        webKitDriver.closeBrowsers();
        this.driver = undefined;
        this.driverManager = undefined;
      }
    }
  }
}

/** The tests that failed in a session's results: each one's name, and its error's first line. */
function failedTests(suite, path = []) {
  if (!suite) return [];
  const here = suite.name ? [...path, suite.name] : path;
  const described = (test) => [...here, test.name].join(' > ') + (test.error?.message ? ` (${String(test.error.message).split('\n')[0]})` : '');
  return [
    ...suite.tests.filter((test) => !test.passed && !test.skipped).map(described),
    ...suite.suites.flatMap((child) => failedTests(child, here)),
  ];
}

/** A failed session (a test file in a browser): its file, failed tests and the session's own errors. */
const failedSession = (session) => ({
  file: relative(process.cwd(), session.testFile),
  failedTests: failedTests(session.testResults),
  errors: (session.errors ?? []).map((error) => String(error.message ?? error).split('\n')[0]),
});

/**
 * For dev/browser-tests.mjs (FAILED_FILES_REPORT): each WebKit file that failed, with the tests
 * that failed in it, whether its page froze, and the session's own errors (a lost page's, as
 * WebDriver put it); and the sessions that failed in the other browsers, so the suite's last lines
 * can name them (CI keeps only the end of a run's output).
 */
const failedFilesReporter = {
  onTestRunFinished({ sessions }) {
    if (!process.env.FAILED_FILES_REPORT) return;
    const failed = sessions.filter((session) => !session.passed);
    const inWebKit = failed.filter((session) => session.browser === webkit);
    const others = failed.filter((session) => session.browser !== webkit);
    writeFileSync(process.env.FAILED_FILES_REPORT, JSON.stringify({
      webKit: inWebKit.map((session) => ({ ...failedSession(session), frozen: frozenSessions.has(session.id) })),
      otherFailures: others.length,
      others: others.map((session) => ({ ...failedSession(session), browser: session.browser.name })),
    }));
  },
};

// Over classic WebDriver (see webKitCapabilities); a command to a browser that stopped answering
// fails after 30 s, not 120 s and three retries.
const webkit = webKitDriver && new MiniBrowserPerFile({
  hostname: '127.0.0.1', port: webKitDriver.port, logLevel: 'error', connectionRetryTimeout: 30_000, connectionRetryCount: 0, capabilities: webKitCapabilities,
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), emulatorPlugin, networkPlugin, pageProgressPlugin],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        // Sound needs a click, as for a first-time visitor: tests the muted autoplay fallback.
        args: chromiumFlags({ autoplay: 'user-gesture-required' }),
      },
    }),
  ],
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 12 * 60 * 1000,
  browserStartTimeout: 60000,
  testRunnerHtml: runnerHtml(emulator.edgeUrl),
  reporters: [defaultReporter(), failedFilesReporter],
  groups: [
    // The same tests through Varnish: what they check must hold for a real cache, not only ours.
    { name: 'varnish', files: ['test/browser/cdn-resilience.test.ts', 'test/browser/stream-start.test.ts'], testRunnerHtml: runnerHtml(varnish.url) },
    ...(installed.firefox ? [{ name: 'firefox', files: everyEngineFiles, browsers: [firefox] }] : []),
    // WEBKIT_FILES: dev/browser-tests.mjs running again the WebKit files that failed.
    ...(webkit ? [{ name: 'webkit', files: process.env.WEBKIT_FILES?.split(',') ?? everyEngineFiles, browsers: [webkit] }] : []),
  ],
};
