import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), or BATON_CHROMIUM; playwright never downloads a browser here. */
const CHROMIUM_PATH = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';

const chromiumAvailable = existsSync(CHROMIUM_PATH);
if (!chromiumAvailable) {
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} does not exist (.ci/run installs Debian's chromium)`);
  process.stderr.write(`Dashboard browser tests skipped: no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set BATON_CHROMIUM to run them.\n`);
}

/**
 * Headless, with the flags that keep Chromium from calling out to Google's
 * services (this machine's network is closed) and a fresh profile each time.
 */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export { chromiumAvailable, launchChromium, CHROMIUM_PATH };
