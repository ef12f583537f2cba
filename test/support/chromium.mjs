// Finds a Chromium for the browser tests, installing Debian's package when that is possible.
// No test tool downloads a browser of its own: this is the only place a browser comes from.
import { canInstallPackages, executable, installPackages } from './debian.mjs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const FIX_COMMAND = 'sudo apt-get install -y chromium (or set CHROME_PATH to a Chrome or Chromium binary)';

/** Flags that keep headless Chromium from reaching for the network or hanging on a closed one. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

/** Returns a Chromium path without installing anything, or null. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", which is not an executable file.`);
  }
  return CANDIDATES.find(executable) ?? null;
}

/** Finds Chromium, or installs Debian's package when running as root with apt-get; otherwise throws one clear line. */
export function ensureChromium({ log = console.log } = {}) {
  const found = findChromium();
  if (found) return found;
  if (canInstallPackages()) {
    log('Chromium not found: installing Debian package "chromium" with apt-get (one time)…');
    installPackages(['chromium']);
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(`Chromium not found. Fix: ${FIX_COMMAND}`);
}
