import { expect } from '@open-wc/testing';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { waitFor } from './wait.js';

// The BUILT drop-in scripts (dist/, served by the emulator beside test/pages/) on pages served with
// `Content-Security-Policy: script-src 'self'; worker-src 'self'`. The pages are on the edge's
// origin, not the test runner's, so each opens in an iframe and reports over postMessage.

const strictPolicy = "script-src 'self'; worker-src 'self'";

interface PageReport {
  defined: boolean;
  status: string | null;
  violations: { directive: string; blockedURI: string }[];
  workers: string[];
  resources: string[];
  enableWorker: boolean | null;
  workerPath: string | null;
}

interface OpenPage {
  latest(): PageReport | null;
  close(): void;
}

const openPages = new Set<OpenPage>();

function openPage(path: string): OpenPage {
  const frame = document.createElement('iframe');
  frame.allow = 'autoplay';
  frame.style.width = '640px';
  frame.style.height = '360px';
  let latest: PageReport | null = null;
  const onMessage = (event: MessageEvent): void => {
    if (event.source === frame.contentWindow && event.data?.kind === 'drop-in-report') latest = event.data as PageReport;
  };
  window.addEventListener('message', onMessage);
  frame.src = `${edgeUrl}/${path}`;
  document.body.append(frame);
  const page: OpenPage = {
    latest: () => latest,
    close: () => {
      window.removeEventListener('message', onMessage);
      frame.remove();
      openPages.delete(page);
    },
  };
  openPages.add(page);
  return page;
}

async function reportWhen(page: OpenPage, condition: (report: PageReport) => boolean, timeoutMs: number, what: string): Promise<PageReport> {
  await waitFor(() => {
    const report = page.latest();
    return report !== null && condition(report);
  }, timeoutMs, what);
  return page.latest()!;
}

const file = (name: string): string => `${edgeUrl}/${name}`;

describe('the built drop-in scripts under a strict Content-Security-Policy', () => {
  afterEach(() => {
    for (const page of [...openPages]) page.close();
  });

  it(`serves the test pages with ${strictPolicy}: a blob: worker and eval are refused and reported`, async () => {
    const page = openPage('csp-module.html?probe=refused');
    const report = await reportWhen(page, (current) => current.violations.length >= 2, 10000, 'two violation reports');
    const refused = report.violations.map((violation) => `${violation.directive} ${violation.blockedURI}`);
    expect(refused).to.have.members(['worker-src blob', 'script-src eval']);
  });

  it('ams-cdn-player.js loads hls.js only once the stream is found, then plays MPEG-TS HLS with transmuxing in dist/hls.worker.js', async () => {
    const id = uniqueStreamId('csp');
    // Not live yet: the player waits first, and waiting needs no hls.js.
    await putStream({ id, startIn: 4 });
    const page = openPage(`csp-module.html?id=${id}`);
    const waiting = await reportWhen(page, (report) => report.status === 'waiting', 15000, 'status waiting');
    expect(waiting.resources).to.include(file('ams-cdn-player.js'));
    expect(waiting.resources.some((name) => name.includes('hls-'))).to.equal(false, `no hls.js nor the hls.js session while waiting: ${waiting.resources.join(', ')}`);

    const playing = await reportWhen(page, (report) => report.status === 'playing', 30000, 'status playing');
    expect(playing.violations).to.deep.equal([]);
    expect(playing.resources).to.include(file('hls-light.js'));
    expect(playing.resources).to.include(file('hls-session.js'), 'the playback layer, loaded with hls.js');
    expect(playing.resources).not.to.include(file('hls-full.js'));
    expect(playing.workers).to.deep.equal([file('hls.worker.js')]);
    expect(playing.workerPath).to.equal(file('hls.worker.js'));
    // hls.js turns this off, and transmuxes on the main thread, when its worker fails.
    expect(playing.enableWorker).to.equal(true);
  });

  it('ams-cdn-player.classic.js (no modules) plays too, with hls.js and its worker found from the script URL', async () => {
    const id = uniqueStreamId('classic');
    await putStream({ id, startIn: -20 });
    const page = openPage(`csp-classic.html?id=${id}`);
    const playing = await reportWhen(page, (report) => report.status === 'playing', 30000, 'status playing');
    expect(playing.violations).to.deep.equal([]);
    expect(playing.resources).to.include(file('ams-cdn-player.classic.js'));
    expect(playing.resources).not.to.include(file('ams-cdn-player.js'));
    expect(playing.resources).to.include(file('hls-light.js'));
    expect(playing.workers).to.deep.equal([file('hls.worker.js')]);
    expect(playing.enableWorker).to.equal(true);
  });
});
