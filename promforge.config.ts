import { defineConfig } from 'promforge';

export default defineConfig({
  // The homelab runs Debian's Prometheus 2.42 in CI and 3.x on the NixOS hosts: emit what both load.
  prometheus: { version: '2.42.0' },
  runbookBaseUrl: 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks',
});
