import { describe, expect, it } from 'vitest';
import { metricCatalog } from '../../src/catalog/types.js';
import { promqlLabelMatch } from '../../src/lint/checks/promql-label-match.js';
import { alertYaml, brief, lintHomelab, lintYaml } from './helpers.js';

const MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];
const catalogs = [
  metricCatalog({
    name: 'node_exporter',
    source: 'inline',
    namespaces: ['node_'],
    metrics: [
      { name: 'node_cpu_seconds_total', type: 'counter', help: '', labels: ['cpu', 'mode'], values: { mode: MODES } },
      { name: 'node_filesystem_avail_bytes', type: 'gauge', help: '', labels: ['device', 'fstype', 'mountpoint'] },
    ],
  }),
  metricCatalog({
    name: 'homelab-deploy',
    source: 'inline',
    namespaces: ['homelab_deploy_'],
    metrics: [
      { name: 'homelab_deploy_builds_total', type: 'counter', help: '', labels: ['repo', 'status'], values: { status: ['success', 'failure'] } },
      { name: 'homelab_deploy_build_duration_seconds', type: 'histogram', help: '', labels: ['repo', 'host'] },
    ],
  }),
  metricCatalog({
    name: 'prometheus',
    source: 'inline',
    namespaces: ['prometheus_'],
    metrics: [{ name: 'ALERTS', type: 'gauge', help: '', labels: ['alertname', 'alertstate'], values: { alertstate: ['pending', 'firing'] } }],
  }),
];
const run = (yaml: string) => lintYaml(yaml, [promqlLabelMatch], { catalogs });
const lint = (expr: string): string[] => brief(run(alertYaml(expr)));
const modes = `node_cpu_seconds_total's mode is one of ${MODES.join(', ')}`;

describe('promql/label-match', () => {
  it('reports a value outside the documented set, with did-you-mean, at the matcher', () => {
    const ds = run(alertYaml('rate(node_cpu_seconds_total{mode="idel"}[5m]) < 0.1'));
    expect(brief(ds)).toEqual([`promql/label-match @5:44 mode="idel" never matches: ${modes}; did you mean idle?`]);
    expect(ds[0]?.severity).toBe('warning');
    expect(ds[0]?.hint).toBe('match mode="idle"');
    const failed = run(alertYaml('increase(homelab_deploy_builds_total{status="failed"}[1h]) > 0'));
    expect(brief(failed)).toEqual([
      `promql/label-match @5:53 status="failed" never matches: homelab_deploy_builds_total's status is one of success, failure`,
    ]);
    expect(failed[0]?.hint).toBe('match one of its values: success, failure');
  });

  it('is quiet on documented values and labels without a documented set', () => {
    expect(lint('rate(node_cpu_seconds_total{mode="idle", cpu="0"}[5m]) < 0.1')).toEqual([]);
    expect(lint('increase(homelab_deploy_builds_total{status="failure", repo="nixos"}[1h]) > 0')).toEqual([]);
    expect(lint('node_filesystem_avail_bytes{fstype!~"tmpfs|overlay", mountpoint="/", job="node", instance=~"nas.*"} < 1e9')).toEqual([]);
  });

  it('reports a matcher on a label the metric does not have, unless it accepts the empty value', () => {
    const ds = run(alertYaml('node_filesystem_avail_bytes{mode="idle"} < 1e9'));
    expect(brief(ds)).toEqual([
      'promql/label-match @5:44 mode="idle" never matches: node_filesystem_avail_bytes has no label mode (its labels: device, fstype, mountpoint, job, instance)',
    ]);
    expect(ds[0]?.hint).toMatch(/^remove the matcher, or if your scrape config adds it, add it to catalog node_exporter's targetLabels/);
    expect(lint('node_filesystem_avail_bytes{mountpint="/"} < 1e9')).toEqual([
      'promql/label-match @5:44 mountpint="/" never matches: node_filesystem_avail_bytes has no label mountpint (its labels: device, fstype, mountpoint, job, instance); did you mean mountpoint?',
    ]);
    expect(lint('node_filesystem_avail_bytes{host=~"nas|nix"} < 1e9')).toHaveLength(1);
    // An absent label reads as "": these match every series.
    expect(lint('node_filesystem_avail_bytes{mode=""} < 1e9 or node_filesystem_avail_bytes{mode!="x"} < 1e9 or node_filesystem_avail_bytes{mode=~"idle|"} < 1e9')).toEqual([]);
    // …and this one none.
    expect(lint('node_filesystem_avail_bytes{mode!~""} < 1e9')).toHaveLength(1);
  });

  it('tests regex matchers against the values, anchored', () => {
    // Prometheus anchors regexes: "id" must be a whole value.
    const anchored = run(alertYaml('rate(node_cpu_seconds_total{mode=~"id"}[5m]) < 0.1'));
    expect(brief(anchored)).toEqual([
      `promql/label-match @5:44 mode=~"id" never matches: ${modes}; Prometheus anchors regexes, so it must match a whole value, not just the start of idle`,
    ]);
    expect(anchored[0]?.hint).toBe('match mode=~"id.*"');
    expect(lint('rate(node_cpu_seconds_total{mode=~"irq|wait"}[5m]) < 0.1')).toEqual([
      `promql/label-match @5:44 mode=~"irq|wait": wait is not a value of mode (${modes}); did you mean iowait?`,
    ]);
    expect(brief(run(alertYaml('rate(node_cpu_seconds_total{mode=~"wait"}[5m]) < 0.1')))[0]).toMatch(/not just part of iowait$/);
    expect(lint('rate(node_cpu_seconds_total{mode=~"[0-9]+"}[5m]) < 0.1')).toEqual([`promql/label-match @5:44 mode=~"[0-9]+" never matches: ${modes}`]);
    expect(lint('rate(node_cpu_seconds_total{mode=~"id.*|user"}[5m]) < 0.1')).toEqual([]);
    expect(lint('rate(node_cpu_seconds_total{mode=~"(?i)IDLE"}[5m]) < 0.1')).toEqual([]);
    expect(lint('rate(node_cpu_seconds_total{mode!~"idle|iowait|steal"}[5m]) > 0.9')).toEqual([]);
    // One alternative is a typo: the regex still matches something, the typo is reported.
    expect(lint('rate(node_cpu_seconds_total{mode=~"user|sytem"}[5m]) > 0.9')).toEqual([
      `promql/label-match @5:44 mode=~"user|sytem": sytem is not a value of mode (${modes}); did you mean system?`,
    ]);
    // An invalid regex is promql/regexp's business.
    expect(lint('rate(node_cpu_seconds_total{mode=~"(idle"}[5m]) > 0.9')).toEqual([]);
  });

  it('reports a negative matcher that excludes nothing', () => {
    const ds = run(alertYaml('rate(node_cpu_seconds_total{mode!="idel"}[5m]) > 0.9'));
    expect(brief(ds)).toEqual([`promql/label-match @5:44 mode!="idel" excludes nothing: ${modes}; did you mean idle?`]);
    expect(ds[0]?.hint).toBe('exclude mode!="idle"');
    expect(lint('rate(node_cpu_seconds_total{mode!=""}[5m]) > 0.9')).toEqual([]);
  });

  it('checks the histogram parts and {__name__="…"} selectors', () => {
    expect(lint('histogram_quantile(0.9, rate(homelab_deploy_build_duration_seconds_bucket{status="ok"}[1h])) > 1')).toHaveLength(1);
    expect(lint('histogram_quantile(0.9, rate(homelab_deploy_build_duration_seconds_bucket{le="+Inf", host="a"}[1h])) > 1')).toEqual([]);
    expect(lint('{__name__="node_cpu_seconds_total", mode="idel"} > 0')).toHaveLength(1);
  });

  it('lets ALERTS carry any label, but checks documented values', () => {
    expect(lint('ALERTS{severity="critical", alertstate="firing"} > 0')).toEqual([]);
    expect(lint('ALERTS{alertstate="fired"} > 0')).toHaveLength(1);
  });

  it("checks selectors of the project's recording rules against their output labels", () => {
    const text = `groups:
  - name: g
    rules:
      - record: repo:homelab_deploy_builds:increase1h
        expr: sum by (repo, status) (increase(homelab_deploy_builds_total{status="failure"}[1h]))
      - alert: A
        expr: repo:homelab_deploy_builds:increase1h{host="nas"} > 0 or repo:homelab_deploy_builds:increase1h{status="success"} > 0
`;
    expect(brief(run(text))).toEqual([
      'promql/label-match @7:53 host="nas" never matches: the recording rule repo:homelab_deploy_builds:increase1h has no label host (its labels: repo, status)',
      'promql/label-match @7:110 status="success" never matches: the recording rule repo:homelab_deploy_builds:increase1h always has status="failure"',
    ]);
    expect(brief(run(text.replace('{host="nas"}', '{repo="nixos"}').replace('{status="success"}', '{status="failure"}')))).toEqual([]);
  });

  it('is quiet on uncatalogued metrics', () => {
    expect(lint('my_app_requests_total{whatever="x"} > 0')).toEqual([]);
  });

  it('works on the shipped catalogs', () => {
    const real = (e: string): string[] => brief(lintYaml(alertYaml(e), [promqlLabelMatch]));
    expect(real('rate(node_cpu_seconds_total{mode="idel"}[5m]) < 0.1')).toEqual([expect.stringMatching(/mode="idel" never matches: .*did you mean idle\?$/)]);
    expect(real('increase(homelab_deploy_builds_total{status="failed"}[1h]) > 0')).toEqual([expect.stringMatching(/status="failed" never matches: homelab_deploy_builds_total's status is one of success, failure$/)]);
    expect(real('node_filesystem_avail_bytes{mode="idle"} < 1e9')).toHaveLength(1);
  });

  it('fires on its bad example (with a fix) and not on its good one, on the shipped catalogs', () => {
    const bad = lintYaml(promqlLabelMatch.example.bad, [promqlLabelMatch]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((d) => d.code === promqlLabelMatch.id && (d.hint?.length ?? 0) > 5)).toBe(true);
    expect(lintYaml(promqlLabelMatch.example.good, [promqlLabelMatch])).toEqual([]);
  });

  it('leaves the shipped homelab rules clean', async () => {
    expect(await lintHomelab(promqlLabelMatch)).toEqual([]);
  });
});
