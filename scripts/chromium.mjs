// How every script and test here starts Debian's Chromium: as root it needs --no-sandbox; this
// host mounts /dev/shm twice so the wrapper's own shm flag never applies; the network flags stop
// it calling home on a closed network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
