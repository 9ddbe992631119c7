/**
 * prometheus/job on dashboards: the rules' check of job and instance matchers against the host manifest, run on
 * every Prometheus query of a dashboard and on its variables' queries. Matchers holding a Grafana variable are not
 * judged (their stand-ins are not values).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { host, hostManifest, probe } from 'promforge';
import { compileProject } from '../../src/build/pipeline.js';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import type { DashboardModel } from '../../src/grafana/model.js';
import { readDashboardText } from '../../src/grafana/read.js';
import { validateDashboards } from '../../src/grafana/validate.js';
import { fixtureProject, repoRoot } from '../helpers.js';
import { lower } from '../prometheus/helpers.js';

const manifest = lower(hostManifest({
  hosts: [
    host('nas-01', { runs: ['node', 'nvidia-gpu', 'blackbox'] }),
    host('nix-cache02', { address: '10.0.0.2', runs: ['node'] }),
  ],
  blackbox: { host: 'nas-01', modules: { http_2xx: { prober: 'http' } } },
  probes: [probe('blackbox-nix-cache', { module: 'http_2xx', targets: ['https://cache.example/nix-cache-info'] })],
}));

interface Dash {
  templating: { list: { type: string; name: string; query?: unknown }[] };
  panels: { id: number; targets?: { expr?: string }[] }[];
}

const good = (): Dash => JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/grafana/good.json'), 'utf8')) as Dash;

function read(d: Dash): DashboardModel {
  const r = readDashboardText(JSON.stringify(d, null, 2), '/dash/hosts.json', '/dash');
  if (!r.dashboard) throw new Error(r.diagnostics.map((x) => x.message).join('\n'));
  return r.dashboard;
}

const jobFindings = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'prometheus/job');

/** good.json with the expression of its CPU panel (id 3, panels[2]) replaced. */
function withExpr(expr: string): Dash {
  const d = good();
  d.panels.find((p) => p.id === 3)!.targets![0]!.expr = expr;
  return d;
}

const check = (d: Dash, withManifest = true): Diagnostic[] =>
  jobFindings(validateDashboards([read(d)], { scrapeIntervalMs: 30_000, ...(withManifest ? { manifest } : {}) }));

/** `line:column message` of each finding, the position in the JSON text. */
const found = (d: Dash): string[] => check(d).map((x) => `${x.at?.line}:${x.at?.column} ${x.message}`);

describe('prometheus/job on dashboard queries', () => {
  it('passes jobs and instances the manifest scrapes, and matchers that hold variables', () => {
    expect(check(good())).toEqual([]);
    for (const expr of [
      'rate(node_cpu_seconds_total{job="node", mode="idle"}[$__rate_interval])',
      'up{job=~"node|nvidia-gpu", instance="nix-cache02"}',
      'probe_success{job="blackbox-nix-cache", instance="https://cache.example/nix-cache-info"}',
      // The variable's stand-in would match no instance; the variable is judged by its own query instead.
      'rate(node_cpu_seconds_total{job="node", instance=~"$instance"}[$__rate_interval])',
      'rate(node_cpu_seconds_total{job=~"$job", instance=~"${instance:regex}"}[$__rate_interval])',
      'rate(node_cpu_seconds_total{job=~"node-$job"}[$__rate_interval])',
    ]) expect(check(withExpr(expr)), expr).toEqual([]);
  });

  it('reports a job nothing scrapes, at the selector in the file, as the rules get it', () => {
    const d = withExpr('sum by (instance) (rate(node_cpu_seconds_total{job="node-exporter"}[$__rate_interval]))');
    const [finding, ...rest] = check(d);
    expect(rest).toEqual([]);
    expect([finding?.severity, finding?.subject]).toEqual(['warning', 'dashboard "hosts", panel "CPU busy"']);
    expect(finding?.message).toBe('panels[2].targets[0].expr: job="node-exporter" matches no job the manifest scrapes, so this selector finds no series');
    expect(finding?.hint).toBe('the jobs are node, nvidia-gpu, blackbox, blackbox-nix-cache; rename the job here or in the manifest');
    // Line and column of the selector inside the expression string of the file.
    const text = JSON.stringify(d, null, 2);
    const offset = text.indexOf('node_cpu_seconds_total{job=\\"node-exporter');
    const before = text.slice(0, offset).split('\n');
    expect([finding?.at?.file, finding?.at?.line, finding?.at?.column]).toEqual(['/dash/hosts.json', before.length, before.at(-1)!.length + 1]);
  });

  it('reports an instance no target of the job has, the variable-free matchers judged alone', () => {
    expect(found(withExpr('up{job="node", instance="nas-01:9100"}')).map((f) => f.replace(/^\d+:\d+ /, ''))).toEqual([
      'panels[2].targets[0].expr: instance="nas-01:9100" matches no target of job "node", so this selector finds no series',
    ]);
    // A job the manifest does not scrape, beside an instance variable: the job alone is wrong.
    expect(found(withExpr('up{job="gpu", instance=~"$instance"}')).map((f) => f.replace(/^\d+:\d+ /, ''))).toEqual([
      'panels[2].targets[0].expr: job="gpu" matches no job the manifest scrapes, so this selector finds no series',
    ]);
  });

  it('judges the selectors of variable queries, in either form Grafana stores them', () => {
    const d = good();
    d.templating.list[2]!.query = 'label_values(node_uname_info{job="nodes", instance=~"$instance"}, instance)';
    d.templating.list.push({ type: 'query', name: 'gpu', query: { query: 'label_values(nvidia_smi_gpu_info{job="nvidia"}, uuid)', refId: 'V' } } as never);
    (d.templating.list[3] as unknown as { datasource: unknown }).datasource = { type: 'prometheus', uid: '${datasource}' };
    const findings = check(d);
    expect(findings.map((f) => `${f.subject}: ${f.message}`)).toEqual([
      'dashboard "hosts", variable $instance: templating.list[2].query: job="nodes" matches no job the manifest scrapes, so this selector finds no series',
      'dashboard "hosts", variable $gpu: templating.list[3].query.query: job="nvidia" matches no job the manifest scrapes, so this selector finds no series',
    ]);
    const text = JSON.stringify(d, null, 2);
    const line = text.slice(0, text.indexOf('node_uname_info{job=')).split('\n').length;
    expect(findings[0]?.at?.line).toBe(line);
  });

  it('reports repeats at one place once: a declared dashboard locates all its queries at its dashboard() call', () => {
    const d = withExpr('up{job="nodes"}');
    d.panels.find((p) => p.id === 2)!.targets![0]!.expr = 'count(up{job="nodes"} == 1)';
    const model = read(d);
    const declared: DashboardModel = { ...model, locate: () => ({ file: '/p/dashboards/hosts.ts', line: 12, column: 3 }), locateInString: undefined };
    const fromFile = jobFindings(validateDashboards([model], { manifest }));
    const fromDeclaration = jobFindings(validateDashboards([declared], { manifest }));
    expect(fromFile).toHaveLength(2);
    expect(fromDeclaration.map((f) => f.message)).toEqual([
      `${fromFile[0]!.message.split(':')[0]}: job="nodes" matches no job the manifest scrapes, so this selector finds no series (so do 1 more query of this dashboard: ${fromFile[1]!.message.split(':')[0]})`,
    ]);
  });

  it('is not run without a manifest (dashboards checked alone)', () => {
    expect(check(withExpr('up{job="nodes"}'), false)).toEqual([]);
  });
});

describe('prometheus/job in the build', () => {
  it('judges the project\'s dashboards against its manifest, at the dashboard(...) call, and still writes them', async () => {
    const root = fixtureProject('grafana-manifest');
    const compiled = await compileProject(root);
    expect(compiled.manifest).toBeDefined();
    expect(compiled.diagnostics.map((d) => formatDiagnostic(d, root).split('\n')[0])).toEqual([
      'dashboards/hosts.ts:8:16: warning: dashboard "hosts", panel "node-exporter": panels[2].targets[0].expr: job="node-exporter" matches no job the manifest scrapes, so this selector finds no series [prometheus/job]',
    ]);
    expect(compiled.files.map((f) => f.path)).toContain('grafana/dashboards/Hosts/hosts.json');
  });

  it('finds nothing in the homelab: its dashboards take their job names from its manifest', async () => {
    const compiled = await compileProject(repoRoot);
    expect(compiled.manifest?.jobs.length).toBeGreaterThan(5);
    expect(compiled.diagnostics).toEqual([]);
  });
});
