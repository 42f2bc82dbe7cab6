// How Chromium runs for the e2e specs and the scripts: the system's (Debian package `chromium`; nothing may
// download a browser here), headless, without the background traffic that would disturb measurements.

/** Playwright `launchOptions`. */
export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
