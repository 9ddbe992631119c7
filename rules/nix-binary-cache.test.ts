/**
 * Tests for rules/nix-binary-cache.ts: the blackbox probe of the cache, its hit rate and its store disk.
 */
import { ruleTests } from 'promforge';
import nixBinaryCache from './nix-binary-cache.js';

const RUNBOOKS = 'https://git.t-juice.club/torjus/nixos-servers/src/branch/master/docs/runbooks';
/** The rendered runbook_url: the runbook section is the alert name in lower case. */
const runbook = (alertname: string): string => `${RUNBOOKS}/nix-binary-cache.md#${alertname.toLowerCase()}`;
const GRAFANA = 'https://grafana.home.2rjus.net';
/** The rendered dashboard_url: every alert of the module opens its dashboard. */
const dashboard = `${GRAFANA}/d/nix-binary-cache`;

/** blackbox_exporter's target for the cache: its `instance` is the probed URL. */
const target = 'https://nix-cache.home.2rjus.net/nix-cache-info';
const probe = (metric: string, extra = ''): string => `${metric}{instance="${target}", job="blackbox-nix-cache"${extra}}`;

const GiB = 1024 ** 3;

const cacheDown = {
  exp_labels: { instance: target, job: 'blackbox-nix-cache', severity: 'critical' },
  exp_annotations: {
    summary: `Nix binary cache ${target} is down`,
    description:
      `blackbox_exporter has failed to fetch /nix-cache-info from ${target} for 2 minutes. ` +
      'Hosts cannot substitute from the homelab cache: deploys rebuild locally or fetch from cache.nixos.org.',
    runbook_url: runbook('NixBinaryCacheDown'),
    dashboard_url: dashboard,
  },
};

const probeDown = {
  exp_labels: { instance: target, job: 'blackbox-nix-cache', severity: 'warning' },
  exp_annotations: {
    summary: `Nix binary cache probe ${target} is not running`,
    description:
      `Prometheus could not scrape blackbox_exporter for the probe of ${target} for 5 minutes; ` +
      'the binary cache is not being monitored.',
    runbook_url: runbook('NixBinaryCacheProbeDown'),
    dashboard_url: dashboard,
  },
};

/** `sum by (instance)` keeps only the instance. */
const slow = (lastProbe: string) => ({
  exp_labels: { instance: target, severity: 'warning' },
  exp_annotations: {
    summary: `Nix binary cache ${target} responds slowly`,
    description:
      `The probe of ${target} has been answered in more than 100ms for 10 minutes ` +
      `(last probe: ${lastProbe}). Narinfo lookups during builds and deploys are likely just as slow.`,
    runbook_url: runbook('NixBinaryCacheSlow'),
    dashboard_url: dashboard,
  },
});

const lowHitRate = (ratio: string) => ({
  exp_labels: { instance: 'nas-01:9100', job: 'node', severity: 'warning' },
  exp_annotations: {
    summary: 'Nix binary cache hit rate is low (measured from nas-01:9100)',
    description:
      `Only ${ratio} of the cache checks run by nas-01:9100 in the last hour ` +
      'were served from the cache (target: 80%); builds fall back to upstream or to building from source.',
    runbook_url: runbook('NixBinaryCacheLowHitRate'),
    dashboard_url: dashboard,
  },
});

const storeFull = (fs: { instance: string; device: string; mountpoint: string; fstype: string }, used: string) => ({
  exp_labels: { ...fs, job: 'node', severity: 'warning' },
  exp_annotations: {
    summary: `Nix store on ${fs.instance} is ${used} full`,
    description:
      `The filesystem holding the binary cache store (${fs.mountpoint}, ${fs.device}) on ` +
      `${fs.instance} is ${used} used. Run the Nix garbage collector before ` +
      'new builds fail to write to the store.',
    runbook_url: runbook('NixBinaryCacheStoreDiskUsageHigh'),
    dashboard_url: dashboard,
  },
});

/** node_exporter filesystem series of one mount, `labels` in PromQL notation. */
const filesystem = (labels: string, sizeBytes: number, availBytes: string) => [
  { series: `node_filesystem_size_bytes{${labels}}`, values: `${sizeBytes}x40` },
  { series: `node_filesystem_avail_bytes{${labels}}`, values: availBytes },
];

/** As prometheus/homelab.ts labels it: the host's name. */
const cacheNix = { instance: 'nix-cache02', device: '/dev/mapper/vg0-nix', fstype: 'ext4', mountpoint: '/nix' };
const fsLabels = (fs: { instance: string; device: string; mountpoint: string; fstype: string }): string =>
  `device="${fs.device}", fstype="${fs.fstype}", instance="${fs.instance}", job="node", mountpoint="${fs.mountpoint}"`;

/**
 * One sample a minute at :30 from promtool's expanding notation of one-a-minute values (`vxN`, single values):
 * with `interval: '30s'`, every other sample is missing (`_`), starting with the one at 0s.
 */
const offBeat = (values: string): string =>
  values
    .split(' ')
    .flatMap((part) => {
      const [v, n] = part.split('x');
      return Array.from({ length: n === undefined ? 1 : Number(n) + 1 }, () => `_ ${v}`);
    })
    .join(' ');

export default ruleTests(nixBinaryCache, {
  tests: [
    // ---------------------------------------------------------------- NixBinaryCacheDown (for 2m, keep_firing_for 5m)
    {
      name: 'NixBinaryCacheDown: fires after 2m of failed probes and keeps firing for 5m after they succeed again',
      interval: '1m',
      // probes fail from 5m to 10m, succeed again from 11m
      input_series: [{ series: probe('probe_success'), values: '1x4 0x5 1x12' }],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
        { eval_time: '6m', alertname: 'NixBinaryCacheDown', exp_alerts: [] }, // pending for 1m
        { eval_time: '7m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        { eval_time: '10m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        // recovered at 11m: keep_firing_for holds it from 11m to 15m
        { eval_time: '11m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        { eval_time: '15m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        { eval_time: '16m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBinaryCacheDown: one successful probe in the middle of an outage does not resolve it',
      interval: '1m',
      // down 5m-10m, one success at 11m, down again 12m-16m, up from 17m
      input_series: [{ series: probe('probe_success'), values: '1x4 0x5 1 0x4 1x12' }],
      alert_rule_test: [
        { eval_time: '7m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        { eval_time: '11m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        { eval_time: '12m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        // the keep_firing_for timer restarts at the final recovery (17m)
        { eval_time: '21m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
        { eval_time: '22m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBinaryCacheDown: a failure shorter than 2m never fires (keep_firing_for only holds firing alerts)',
      interval: '1m',
      input_series: [{ series: probe('probe_success'), values: '1x4 0 0 1x10' }],
      alert_rule_test: [
        { eval_time: '6m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
        { eval_time: '7m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
        { eval_time: '10m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- NixBinaryCacheProbeDown (for 5m)
    {
      name: 'NixBinaryCacheProbeDown: blackbox_exporter unscraped for 5m fires, and resolves when it is back',
      interval: '1m',
      input_series: [{ series: probe('up'), values: '1x4 0x9 1x5' }], // unscraped from 5m to 14m
      alert_rule_test: [
        { eval_time: '4m', alertname: 'NixBinaryCacheProbeDown', exp_alerts: [] },
        { eval_time: '9m', alertname: 'NixBinaryCacheProbeDown', exp_alerts: [] },
        { eval_time: '10m', alertname: 'NixBinaryCacheProbeDown', exp_alerts: [probeDown] },
        { eval_time: '15m', alertname: 'NixBinaryCacheProbeDown', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- NixBinaryCacheSlow (> 100ms for 10m)
    {
      name: 'NixBinaryCacheSlow: processing + transfer over 100ms fires after 10m; slow DNS, connect and TLS do not count',
      interval: '1m',
      input_series: [
        // a slow resolver all along: 500ms, which probe_duration_seconds would count
        { series: probe('probe_http_duration_seconds', ', phase="resolve"'), values: '0.5x30' },
        { series: probe('probe_http_duration_seconds', ', phase="connect"'), values: '0.003x30' },
        { series: probe('probe_http_duration_seconds', ', phase="tls"'), values: '0.02x30' },
        // the server: 70ms until 4m, 120ms from 5m to 19m, 70ms again from 20m
        { series: probe('probe_http_duration_seconds', ', phase="processing"'), values: '0.02x4 0.07x14 0.02x10' },
        { series: probe('probe_http_duration_seconds', ', phase="transfer"'), values: '0.05x30' },
        { series: probe('probe_success'), values: '1x30' },
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'NixBinaryCacheSlow', exp_alerts: [] },
        { eval_time: '14m', alertname: 'NixBinaryCacheSlow', exp_alerts: [] }, // pending for 9m
        { eval_time: '15m', alertname: 'NixBinaryCacheSlow', exp_alerts: [slow('120ms')] },
        { eval_time: '19m', alertname: 'NixBinaryCacheSlow', exp_alerts: [slow('120ms')] },
        { eval_time: '20m', alertname: 'NixBinaryCacheSlow', exp_alerts: [] },
        { eval_time: '20m', alertname: 'NixBinaryCacheDown', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBinaryCacheSlow: exactly 100ms is not slow',
      interval: '1m',
      input_series: [
        { series: probe('probe_http_duration_seconds', ', phase="processing"'), values: '0.05x20' },
        { series: probe('probe_http_duration_seconds', ', phase="transfer"'), values: '0.05x20' },
        { series: probe('probe_success'), values: '1x20' },
      ],
      alert_rule_test: [{ eval_time: '20m', alertname: 'NixBinaryCacheSlow', exp_alerts: [] }],
    },
    {
      name: 'NixBinaryCacheSlow: a slow failed probe is NixBinaryCacheDown, not slow',
      interval: '1m',
      input_series: [
        { series: probe('probe_http_duration_seconds', ', phase="processing"'), values: '0.2x20' },
        { series: probe('probe_http_duration_seconds', ', phase="transfer"'), values: '0.05x20' },
        { series: probe('probe_success'), values: '0x20' },
      ],
      alert_rule_test: [
        { eval_time: '15m', alertname: 'NixBinaryCacheSlow', exp_alerts: [] },
        { eval_time: '15m', alertname: 'NixBinaryCacheDown', exp_alerts: [cacheDown] },
      ],
    },

    // ---------------------------------------------------------------- NixBinaryCacheLowHitRate (avg < 0.8 for 1h)
    {
      name: 'NixBinaryCacheLowHitRate: two missed checks within an hour keep the hourly hit rate below 80% for 1h and fire',
      // node_exporter is scraped every minute at :30, off the rules' evaluation grid (as a real Prometheus
      // offsets its scrapes): no sample sits on the start of the 1h window, so it holds the same 60 samples
      // whether the window is closed (Prometheus 2.x, [t-1h, t]) or left-open (3.x, (t-1h, t]).
      interval: '30s',
      // a check every 15 minutes, each result held until the next: hits until 59m30s, a miss at 60m30s (held
      // to 74m30s), a hit at 75m30s, a miss at 90m30s (held to 104m30s), hits from 105m30s. The window at t
      // holds the samples at t-59m30s .. t-30s, so the average drops below 80% with 13 zeros in the window:
      // from 73m to 152m.
      input_series: [{ series: 'nix_local_cache_hit{instance="nas-01:9100", job="node"}', values: offBeat('1x59 0x14 1x14 0x14 1x60') }],
      alert_rule_test: [
        { eval_time: '72m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [] }, // 12 zeros: 80%, not below
        { eval_time: '132m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [] }, // pending since 73m
        // samples 73m30s-132m30s: 17 zeros, 43/60
        { eval_time: '133m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [lowHitRate('71.67%')] },
        // samples 90m30s-149m30s: 15 zeros, 45/60
        { eval_time: '150m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [lowHitRate('75%')] },
        { eval_time: '152m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [lowHitRate('78.33%')] }, // 13 zeros
        { eval_time: '153m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [] }, // 12 zeros
      ],
    },
    {
      name: 'NixBinaryCacheLowHitRate: a single missed check (about 50 minutes under 80%) never fires',
      interval: '1m',
      input_series: [{ series: 'nix_local_cache_hit{instance="nas-01:9100", job="node"}', values: '1x59 0x14 1x100' }],
      alert_rule_test: [
        { eval_time: '100m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [] },
        { eval_time: '132m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [] },
        { eval_time: '140m', alertname: 'NixBinaryCacheLowHitRate', exp_alerts: [] },
      ],
    },

    // ---------------------------------------------------------------- NixBinaryCacheStoreDiskUsageHigh (> 85% for 15m)
    {
      name: 'NixBinaryCacheStoreDiskUsageHigh: a separate /nix alerts once (not again for the /nix/store bind mount), after 15m over 85%',
      interval: '1m',
      input_series: [
        // 80% used until 4m, 90% from 5m to 25m, garbage collected to 60% at 26m
        ...filesystem(fsLabels(cacheNix), 500 * GiB, `${100 * GiB}x4 ${50 * GiB}x20 ${200 * GiB}x14`),
        ...filesystem(fsLabels({ ...cacheNix, mountpoint: '/nix/store' }), 500 * GiB, `${100 * GiB}x4 ${50 * GiB}x20 ${200 * GiB}x14`),
        // another host's full /nix is not the binary cache
        ...filesystem(fsLabels({ ...cacheNix, instance: 'nas-01' }), 500 * GiB, `${25 * GiB}x40`),
      ],
      alert_rule_test: [
        { eval_time: '4m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [] },
        { eval_time: '19m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [] }, // pending for 14m
        { eval_time: '20m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [storeFull(cacheNix, '90%')] },
        { eval_time: '25m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [storeFull(cacheNix, '90%')] },
        { eval_time: '26m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [] },
      ],
    },
    {
      name: 'NixBinaryCacheStoreDiskUsageHigh: without a separate /nix, the store is the root filesystem seen through /nix/store',
      interval: '1m',
      input_series: [
        // the root filesystem: exactly 85% used until 9m (not yet "> 85%"), 88% from 10m; the instance
        // written with the host's FQDN
        ...filesystem(fsLabels({ instance: 'nix-cache02.home.2rjus.net:9100', device: '/dev/sda2', fstype: 'ext4', mountpoint: '/' }),
          250 * GiB, `${37.5 * GiB}x9 ${30 * GiB}x30`),
        ...filesystem(fsLabels({ instance: 'nix-cache02.home.2rjus.net:9100', device: '/dev/sda2', fstype: 'ext4', mountpoint: '/nix/store' }),
          250 * GiB, `${37.5 * GiB}x9 ${30 * GiB}x30`),
      ],
      alert_rule_test: [
        { eval_time: '9m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [] },
        { eval_time: '24m', alertname: 'NixBinaryCacheStoreDiskUsageHigh', exp_alerts: [] },
        {
          eval_time: '25m', alertname: 'NixBinaryCacheStoreDiskUsageHigh',
          exp_alerts: [storeFull({ instance: 'nix-cache02.home.2rjus.net:9100', device: '/dev/sda2', fstype: 'ext4', mountpoint: '/nix/store' }, '88%')],
        },
      ],
    },
  ],
});
