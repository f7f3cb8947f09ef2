// The browser engines the tests run in besides Chromium: Firefox (Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi) and WebKit (Debian's WebKitGTK MiniBrowser, driven by its
// WebKitWebDriver in a virtual X display). Each is found here, or named as missing with the
// packages that bring it.

import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { acceptingConnections, freePort } from './local-ports.mjs';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const webKitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const miniBrowserPath = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const xvfbPath = '/usr/bin/Xvfb';
// A window manager gives the browser window focus: without one, nothing on its pages matches :focus.
const windowManagerPath = '/usr/bin/matchbox-window-manager';
// H.264 and AAC in WebKitGTK: GStreamer's libav plugin decodes them, the good plugins demux MP4.
const gstreamerPlugins = ['libgstlibav.so', 'libgstisomp4.so'].map((file) => `/usr/lib/x86_64-linux-gnu/gstreamer-1.0/${file}`);

/** Each engine: whether it is installed here, and how to install it when not. */
export const engines = {
  firefox: {
    installed: () => existsSync(firefoxPath),
    install: 'apt-get install firefox-esr (or set FIREFOX_PATH)',
  },
  webkit: {
    installed: () => [webKitDriverPath, miniBrowserPath, xvfbPath, windowManagerPath, ...gstreamerPlugins].every((file) => existsSync(file)),
    install: 'apt-get install webkit2gtk-driver xvfb matchbox-window-manager gstreamer1.0-libav gstreamer1.0-plugins-good gstreamer1.0-plugins-bad',
  },
};

/** Firefox's preferences for a test run: no first-run pages, no updates, nothing that phones home. */
export const firefoxPreferences = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // Sound needs a click, as for a first-time visitor (Firefox's default): tests the muted autoplay fallback.
  'media.autoplay.default': 1,
  'media.autoplay.blocking_policy': 0,
  // Full screen at once, without its animation and notice: a test enters and leaves it in a few seconds.
  'full-screen-api.transition-duration.enter': '0 0',
  'full-screen-api.transition-duration.leave': '0 0',
  'full-screen-api.warning.timeout': 0,
};

/**
 * What WebKitWebDriver is asked for: MiniBrowser in automation mode, over classic WebDriver
 * (WebdriverIO would ask for BiDi's webSocketUrl, which WebKitWebDriver refuses).
 */
export const webKitCapabilities = {
  browserName: 'MiniBrowser',
  // Sound needs a click, as for a first-time visitor: tests the muted autoplay fallback.
  'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation', '--autoplay-policy=allow-without-sound'] },
  'wdio:enforceWebDriverClassic': true,
};

/** Each process's children, from Linux's /proc (the field after the name in stat is the state, then the parent). */
function processChildren() {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Ended while listed.
    }
  }
  return children;
}

/** The ids of every process below this one. */
function descendantIds(rootId) {
  const children = processChildren();
  const found = [];
  for (let queue = [rootId]; queue.length > 0; ) {
    const below = children.get(queue.shift()) ?? [];
    found.push(...below);
    queue.push(...below);
  }
  return found;
}

/** Nanoseconds a process's main thread has run (Linux's schedstat), or null once it has ended. */
function mainThreadRunTime(processId) {
  try {
    return Number(readFileSync(`/proc/${processId}/task/${processId}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/** WebKit's web processes (a page's JavaScript, layout and media run in one) below this process. */
function webProcessIds(rootId) {
  return descendantIds(rootId).filter((processId) => {
    try {
      // The kernel keeps 15 characters of a process's name.
      return readFileSync(`/proc/${processId}/comm`, 'utf8').trim() === 'WebKitWebProces';
    } catch {
      return false;
    }
  });
}

/** The first line a child process writes to its file descriptor 3 (Xvfb's display number). */
function firstLine(child, name) {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')).trim());
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}`)));
    child.once('error', reject);
  });
}

/**
 * A virtual X display (Xvfb picks a free number) with a window manager, and WebKitWebDriver on a
 * free port with it.
 *
 * `compositing`: WebKitGTK's accelerated compositing (software GL here), which the browser suite
 * uses. Without it the video sink waits for the main thread to paint each frame, and the web process
 * deadlocks when the main thread meanwhile changes the pipeline's state (seen in gdb: in play(), in
 * MediaSource's endOfStream(), in WebKit's own tasks). With it, without a GPU, screenshots of a page
 * are black: the screenshot test leaves it off.
 * @param {{ compositing?: boolean }} [options]
 * @returns {Promise<{ port: number, closeBrowsers(): void, watchForStillWebProcess(options: { stillMs: number, onStill(): void }): () => void, webProcessStacks(): Promise<string>, close(): Promise<void> }>}
 */
export async function startWebKitDriver({ compositing = false } = {}) {
  const display = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x1600x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const displayNumber = await firstLine(display, 'Xvfb');
  // No D-Bus session bus, on purpose. Without one the web process forks itself, on its main thread,
  // to run dbus-launch each time a video plays or pauses (strace; WebKit wants the bus for the
  // screen-saver inhibitor and MPRIS). Given one (dbus-daemon), WebKit's page froze more often:
  // playback and lifecycle froze in 2 of 4 runs with it, 0 of 4 without, alternated.
  const env = {
    ...process.env,
    DISPLAY: `:${displayNumber}`,
    ...(compositing ? {} : { WEBKIT_DISABLE_COMPOSITING_MODE: '1' }),
    // No sound device here: GStreamer's autoaudiosink went through PulseAudio, JACK (which tries
    // to start a server), OpenAL and OSS, each failing, for every video. A sink that keeps time
    // without a device instead, as a real sound card would.
    GST_PLUGIN_FEATURE_RANK: 'fakeaudiosink:MAX',
    JACK_NO_START_SERVER: '1',
  };
  const windowManager = spawn(windowManagerPath, ['-use_titlebar', 'no', '-use_cursor', 'no'], { stdio: 'ignore', env });
  const port = await freePort();
  const driver = spawn(webKitDriverPath, [`--port=${port}`], { stdio: 'ignore', env });
  const stop = async (child) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  // The driver died once in a busy group run (its session's DELETE cut off, then every later file
  // refused): say so, with how it ended, where the run's output shows it.
  let closing = false;
  driver.once('exit', (code, signal) => {
    if (!closing) console.error(`WebKitWebDriver exited during the run (code ${code}, signal ${signal}): the WebKit files after this fail to connect, and run once more with a new driver.`);
  });
  try {
    await acceptingConnections({ port, timeoutMs: 20_000, child: driver, name: 'WebKitWebDriver' });
  } catch (error) {
    closing = true;
    await Promise.all([stop(driver), stop(windowManager), stop(display)]);
    throw error;
  }
  return {
    port,
    /** Ends the browsers this driver started (MiniBrowser, and with it its web processes) at once. */
    closeBrowsers() {
      for (const pid of processChildren().get(driver.pid) ?? []) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    },
    /**
     * Calls `onStill` when the main thread of one of these browsers' web processes has not run at
     * all for `stillMs`. A page that runs tests always runs something (timers, frames, messages);
     * one whose main thread waits on a lock that never comes free runs nothing. Checks every 5 s;
     * returns the function that stops the watch.
     */
    watchForStillWebProcess({ stillMs, onStill }) {
      const lastRun = new Map();
      const timer = setInterval(() => {
        const now = Date.now();
        for (const processId of webProcessIds(driver.pid)) {
          const runTime = mainThreadRunTime(processId);
          const last = lastRun.get(processId);
          if (runTime === null) continue;
          if (!last || last.runTime !== runTime) lastRun.set(processId, { runTime, since: now });
          else if (now - last.since >= stillMs) {
            lastRun.set(processId, { runTime, since: now });
            onStill();
          }
        }
      }, 5000);
      timer.unref();
      return () => clearInterval(timer);
    },
    /**
     * Every thread's stack (its 15 innermost frames) in these browsers' web processes, and each main
     * thread's whole stack, from gdb (where installed): evidence of
     * where a frozen page's main thread waits. Text saying why not, where gdb cannot tell.
     */
    async webProcessStacks() {
      const stacks = await Promise.all(webProcessIds(driver.pid).map((processId) => new Promise((resolve) => {
        execFile('gdb', ['-p', String(processId), '-batch', '-nx', '-ex', 'set pagination off', '-ex', 'thread apply all bt 15', '-ex', 'thread apply 1 bt'], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
          resolve(`Web process ${processId}:\n${stdout || `gdb could not read its stacks (${error?.message ?? 'no output'})`}`);
        });
      })));
      return stacks.join('\n\n') || 'No web process to read.';
    },
    async close() {
      closing = true;
      await stop(driver);
      await stop(windowManager);
      await stop(display);
    },
  };
}
