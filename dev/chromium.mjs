// Headless Chromium as every tool here launches it: runs as root on a machine with no internet,
// so no sandbox, no GPU and nothing that phones home.

/**
 * @param {{ autoplay?: 'no-user-gesture-required' | 'user-gesture-required' }} [options]
 *   `user-gesture-required` refuses sound without a click, as for a first-time visitor.
 */
export function chromiumFlags({ autoplay = 'no-user-gesture-required' } = {}) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    `--autoplay-policy=${autoplay}`,
  ];
}

export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
