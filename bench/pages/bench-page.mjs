// One benchmark page: one player (the element, raw hls.js, or hls.js with the element's config)
// and the probes the runner reads back through window.bench. The runner drives it with
// window.benchAttach() / window.benchDetach(); nothing here decides pass or fail.

const parameters = new URLSearchParams(location.search);
const playerKind = parameters.get('player');
const stage = document.getElementById('stage');

/** A run of samples in which the video's currentTime advanced: [startWall, endWall]. */
const progress = [];
const bench = {
  player: playerKind,
  attachedAt: null,
  /** performance.now() when the runner attached the player: loading its script counts. */
  attachedPerf: null,
  firstFrameWall: null,
  firstFramePerf: null,
  fatalErrors: [],
  /** Every player-error event of the element, fatal or not. */
  playerErrors: [],
  statuses: [],
  sources: [],
  longTasks: [],
  latency: [],
  progress,
  /** For each stall over 0.25 s: what hls.js and the video did from 10 s before it to its end (see traceStalls). */
  stallTraces: [],
};
window.bench = bench;

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    bench.longTasks.push({ wall: Math.round(performance.timeOrigin + entry.startTime), duration: Math.round(entry.duration) });
  }
}).observe({ type: 'longtask', buffered: true });

let current = null;

function loadClassicScript(source) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = source;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${source}`));
    document.head.append(script);
  });
}

function newVideo() {
  const video = document.createElement('video');
  // A plain muted autoplay <video>, as a page wiring hls.js by hand would have.
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  stage.append(video);
  return video;
}

function watchHls(hls, Hls) {
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) bench.fatalErrors.push({ wall: Date.now(), type: data.type, details: data.details, reason: data.reason ?? data.error?.message ?? null, url: data.url ?? data.context?.url ?? null });
  });
}

const attachers = {
  async element({ domain, streamId, backupStreamId, playOrder, errorTtl, token }) {
    await import('./ams-cdn-player.js');
    const element = document.createElement('ams-cdn-player');
    element.setAttribute('domain', domain);
    element.setAttribute('stream-id', streamId);
    if (backupStreamId) element.setAttribute('backup-stream-id', backupStreamId);
    if (token) element.setAttribute('token', token);
    element.setAttribute('play-order', playOrder);
    element.setAttribute('error-ttl', String(errorTtl));
    element.setAttribute('autoplay', '');
    element.setAttribute('muted', '');
    element.setAttribute('playsinline', '');
    element.addEventListener('status-change', (event) => bench.statuses.push({ wall: Date.now(), status: event.detail.status }));
    element.addEventListener('source-change', (event) => bench.sources.push({ wall: Date.now(), url: event.detail.url }));
    element.addEventListener('player-error', (event) => {
      bench.playerErrors.push({ wall: Date.now(), code: event.detail.code, message: event.detail.message, fatal: event.detail.fatal });
      if (event.detail.fatal) bench.fatalErrors.push({ wall: Date.now(), type: event.detail.code, details: event.detail.message });
    });
    stage.append(element);
    await element.updateComplete;
    return { video: () => element.video, hls: () => element.hls, detach: () => element.remove() };
  },
  async hlsjs({ url }) {
    if (!window.Hls) await loadClassicScript('./hls.min.js');
    const Hls = window.Hls;
    const video = newVideo();
    const hls = new Hls();
    watchHls(hls, Hls);
    hls.attachMedia(video);
    hls.loadSource(url);
    return { video: () => video, hls: () => hls, detach: () => { hls.destroy(); video.remove(); } };
  },
  async 'hlsjs-config'({ url, playOrder }) {
    const { createHlsWithElementConfig } = await import('./element-config-hls.js');
    const { Hls, hls } = await createHlsWithElementConfig(playOrder);
    const video = newVideo();
    watchHls(hls, Hls);
    hls.attachMedia(video);
    hls.loadSource(url);
    return { video: () => video, hls: () => hls, detach: () => { hls.destroy(); video.remove(); } };
  },
};

/** Resolves on the first presented frame (or after timeoutMs with false). */
function watchFirstFrame(video, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const done = () => {
      if (bench.firstFrameWall === null) {
        bench.firstFrameWall = Date.now();
        bench.firstFramePerf = performance.now();
      }
      clearTimeout(timer);
      resolve(true);
    };
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(done);
    else video.addEventListener('playing', done, { once: true });
  });
}

// Stall traces: a rolling record of hls.js's loads and the video's events, kept for the stalls.
const traceWindowMs = 10_000;
let trace = [];
let tracedHls = null;
let stallStartedAt = null;

function note(text) {
  const now = Date.now();
  trace.push([now, text]);
  if (trace.length > 2000 || trace[0][0] < now - 2 * traceWindowMs) trace = trace.filter(([wall]) => wall >= now - traceWindowMs);
}

const rangesOf = (video) => Array.from({ length: video.buffered.length }, (_, index) => `${video.buffered.start(index).toFixed(2)}-${video.buffered.end(index).toFixed(2)}`).join(',');

/** Follows the player's current hls.js instance (the element makes a new one after a restart) and video. */
function traceStalls() {
  const hls = current?.hls();
  const video = current?.video();
  if (!hls || hls === tracedHls || !video) return;
  tracedHls = hls;
  const Events = hls.constructor.Events;
  const partOf = (data) => `${data.frag?.sn}${data.part ? `.${data.part.index}` : ''}`;
  hls.on(Events.FRAG_LOADING, (_event, data) => note(`loading ${partOf(data)} start ${data.frag.start.toFixed(2)}`));
  hls.on(Events.FRAG_BUFFERED, (_event, data) => note(`buffered ${partOf(data)} [${rangesOf(video)}] t ${video.currentTime.toFixed(2)}`));
  hls.on(Events.LEVEL_UPDATED, (_event, data) => note(`level ${data.details.startSN}-${data.details.endSN} parts ${data.details.partList?.length ?? 0} edge ${data.details.edge.toFixed(2)} age ${data.details.age.toFixed(2)} target ${hls.targetLatency?.toFixed(2)}`));
  hls.on(Events.ERROR, (_event, data) => note(`error ${data.details} fatal ${data.fatal}`));
  for (const type of ['waiting', 'playing', 'seeking', 'seeked', 'ratechange', 'stalled']) {
    video.addEventListener(type, () => note(`video ${type} t ${video.currentTime.toFixed(2)} rate ${video.playbackRate} [${rangesOf(video)}]`));
  }
  // Which listed parts hls.js counts as loaded, by segment, when the video runs dry and 1 s later.
  video.addEventListener('waiting', () => {
    note(`parts ${partsBySegment(hls)}`);
    setTimeout(() => note(`parts 1 s later ${partsBySegment(hls)}`), 1000);
  });
}

/** Each listed part as L (loaded), g (gap) or . (not loaded), i after an independent one, grouped by segment. */
function partsBySegment(hls) {
  const bySegment = new Map();
  for (const part of hls.latestLevelDetails?.partList ?? []) {
    const mark = (part.loaded ? 'L' : part.gap ? 'g' : '.') + (part.independent ? 'i' : '');
    bySegment.set(part.fragment.sn, (bySegment.get(part.fragment.sn) ?? '') + mark);
  }
  return [...bySegment].map(([sequence, marks]) => `${sequence}:${marks}`).join(' ');
}

const traceStallsOverMs = 250;
let sampler = null;
let lastTime = null;
let lastLatencySample = 0;
let previousAdvancing = false;

/** Every 100 ms: did the video advance, and (every 500 ms once playing) how far behind the wall clock is it. */
function sample() {
  if (!current) return;
  const video = current.video();
  const now = Date.now();
  if (!video) return;
  const time = video.currentTime;
  const advancing = bench.firstFrameWall !== null && !video.paused && lastTime !== null && time !== lastTime;
  lastTime = time;
  if (advancing) {
    // One run while consecutive samples advance, however late a busy machine fires the timer;
    // a sample that saw the video stand still ends it.
    if (previousAdvancing) progress.at(-1)[1] = now;
    else progress.push([now, now]);
  }
  traceStalls();
  if (previousAdvancing && !advancing && !video.paused) stallStartedAt = now;
  if (advancing && stallStartedAt !== null) {
    // Under the 300 ms a stall counts from (timeline.mjs), so every counted stall has its trace.
    if (now - stallStartedAt > traceStallsOverMs) bench.stallTraces.push({ start: stallStartedAt, end: now, events: trace.filter(([wall]) => wall >= stallStartedAt - traceWindowMs).map(([wall, text]) => `${((wall - stallStartedAt) / 1000).toFixed(2)} ${text}`) });
    stallStartedAt = null;
  }
  previousAdvancing = advancing;
  if (now - lastLatencySample >= 500) {
    lastLatencySample = now;
    const hls = current.hls();
    const playingDate = hls?.playingDate;
    // [wall, latency ms, the player's target latency in s (hls.js's targetLatency, null if none)]
    // The player's own figure too (hls.js's live edge, moved on by the playlist's age), the one its
    // target is set in: it differs from the wall-clock latency by the server's publish delay.
    const details = hls?.latestLevelDetails;
    const ownLatency = details?.live ? details.edge + details.age - video.currentTime : null;
    if (advancing && playingDate) bench.latency.push([now, now - playingDate.getTime(), hls.targetLatency ?? null, ownLatency]);
  }
}

window.benchAttach = async (options) => {
  bench.attachedAt = Date.now();
  bench.attachedPerf = performance.now();
  bench.firstFrameWall = null;
  bench.firstFramePerf = null;
  lastTime = null;
  previousAdvancing = false;
  current = await attachers[playerKind](options);
  if (options.sample !== false) sampler ??= setInterval(sample, 100);
  // The element creates its video on first render; it is there once updateComplete resolved.
  return watchFirstFrame(current.video(), options.firstFrameTimeoutMs ?? 60_000);
};

window.benchDetach = () => {
  current?.detach();
  current = null;
};

/** Seconds buffered ahead of the playhead, for the soak. */
window.benchBuffered = () => {
  const video = current?.video();
  if (!video || video.buffered.length === 0) return 0;
  return Math.max(0, video.buffered.end(video.buffered.length - 1) - video.currentTime);
};
