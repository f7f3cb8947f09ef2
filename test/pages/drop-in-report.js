// Test page script (a classic script, run before the drop-in): creates <ams-cdn-player> for the
// stream named in ?id=, and reports to the test in the parent frame, over postMessage, what a page
// cannot see from outside: the status, Content-Security-Policy violations, the workers created and
// the files loaded. With ?probe=refused it also tries a blob: worker and eval, which the policy
// must refuse: that shows the policy is in force and that its violations get reported.
(() => {
  const violations = [];
  const workers = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI });
  });

  // hls.js creates its transmux worker with `new self.Worker(url)`: record each one.
  const NativeWorker = window.Worker;
  window.Worker = class RecordedWorker extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      workers.push(new URL(String(url), location.href).href);
    }
  };

  const params = new URLSearchParams(location.search);
  let player = null;
  if (params.get('id')) {
    player = document.createElement('ams-cdn-player');
    player.setAttribute('stream-id', params.get('id'));
    player.setAttribute('play-order', 'hls');
    player.toggleAttribute('autoplay', true);
    player.toggleAttribute('muted', true);
    document.body.append(player);
  }
  if (params.get('probe') === 'refused') {
    try {
      new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
    } catch {
      // Refused: the violation event says so.
    }
    try {
      window.eval('0');
    } catch {
      // Refused: the violation event says so.
    }
  }

  function report() {
    const config = player?.hls?.config;
    parent.postMessage(
      {
        kind: 'drop-in-report',
        defined: customElements.get('ams-cdn-player') !== undefined,
        status: player?.status ?? null,
        violations,
        workers,
        resources: performance.getEntriesByType('resource').map((entry) => entry.name),
        enableWorker: config ? config.enableWorker : null,
        workerPath: config ? config.workerPath : null,
      },
      '*',
    );
  }
  player?.addEventListener('status-change', report);
  setInterval(report, 200);
})();
