// The machine and software versions a run was measured on.
import os from 'node:os';
import { readFile } from 'node:fs/promises';

export function loadAverage() {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

async function packageVersion(file) {
  return JSON.parse(await readFile(new URL(file, import.meta.url), 'utf8')).version;
}

async function osName() {
  try {
    const release = await readFile('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // Not Linux: fall through to what Node knows.
  }
  return `${os.type()} ${os.release()}`;
}

export async function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: await osName(),
  };
}

export async function describeVersions(browser) {
  return {
    node: process.version,
    chromium: await browser.version(),
    hlsjs: await packageVersion('../node_modules/hls.js/package.json'),
    element: await packageVersion('../package.json'),
    puppeteer: await packageVersion('../node_modules/puppeteer-core/package.json'),
  };
}
