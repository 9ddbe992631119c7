/**
 * What the homelab's dashboards must say, checked against the alert rules they sit beside: every alert links
 * to a dashboard that shows the metrics it watches, the panels turn colour at the alerts' own thresholds, the
 * -1 of the distributed build check reads "not configured", and the mobile board fits a phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject } from '../../src/grafana/model.js';
import { repoRoot } from '../helpers.js';
import { comparedTo, homelab, metricsOf, panels, thresholdSteps, type Panel } from './homelab.js';

const SEED_PROBE_LATENCY_TARGET = 0.1; // "Cache hit latency: < 100ms" (seed: Nix os remote cache server)
const SEED_HIT_RATE_TARGET = 0.8; // "Cache hit rate: > 80%"

async function dashboard(uid: string): Promise<JsonObject> {
  const { grafana } = await homelab();
  const found = grafana.dashboards.find((d) => d.json['uid'] === uid);
  if (!found) throw new Error(`no dashboard with uid ${uid}`);
  return found.json;
}

async function panel(uid: string, title: string): Promise<Panel> {
  const found = panels(await dashboard(uid)).filter((p) => p.title === title && p.type !== 'row');
  if (found.length === 0) throw new Error(`dashboard ${uid} has no panel "${title}"`);
  return found[0]!;
}

/** The numbers the named alert(s) compare against. */
async function alertThresholds(name: string): Promise<number[]> {
  const { alerts } = await homelab();
  const matching = alerts.filter((a) => a.alert === name);
  if (matching.length === 0) throw new Error(`no alert ${name}`);
  return matching.flatMap((a) => comparedTo(a.expr));
}

describe('homelab dashboards', () => {
  it('build with no errors, seven of them, each uid in one folder', async () => {
    const { grafana } = await homelab();
    expect(grafana.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(grafana.dashboards.map((d) => `${d.folder}/${String(d.json['uid'])}`).sort()).toEqual([
      'Hosts/gpu',
      'Hosts/system-overview',
      'Nix/homelab-builds',
      'Nix/nix-binary-cache',
      'Nix/nix-build-cache',
      'Services/media-pipeline',
      'Status/mobile-status',
    ]);
  });

  it('are where every alert links to, and show what the alert watches', async () => {
    const { grafana, alerts } = await homelab();
    expect(alerts.length).toBeGreaterThan(0);
    const byUid = new Map(grafana.dashboards.map((d) => [String(d.json['uid']), d.json]));
    const problems = alerts.flatMap((a) => {
      const uid = /\/d\/([^/?]+)/.exec(a.annotations['dashboard_url'] ?? '')?.[1];
      const board = uid === undefined ? undefined : byUid.get(uid);
      if (!board) return [`${a.alert}: links to no dashboard of the project (${a.annotations['dashboard_url'] ?? 'no dashboard_url'})`];
      const shown = new Set(panels(board).flatMap((p) => p.exprs.flatMap(metricsOf)));
      return metricsOf(a.expr).filter((m) => !shown.has(m)).map((m) => `${a.alert}: ${uid} does not show ${m}`);
    });
    expect([...new Set(problems)]).toEqual([]);
  });

  describe('colour panels where the alerts fire', () => {
    it('probe latency: the 100 ms target of the cache server plan, as NixBinaryCacheSlow', async () => {
      const steps = thresholdSteps(await panel('nix-binary-cache', 'Response time'));
      expect(steps).toContain(SEED_PROBE_LATENCY_TARGET);
      expect(await alertThresholds('NixBinaryCacheSlow')).toEqual([SEED_PROBE_LATENCY_TARGET]);
      expect(thresholdSteps(await panel('nix-binary-cache', 'Response time against the 100 ms target'))).toEqual(steps);
    });

    it('cache hit rate: the 80% target, as NixBinaryCacheLowHitRate', async () => {
      expect(await alertThresholds('NixBinaryCacheLowHitRate')).toEqual([SEED_HIT_RATE_TARGET]);
      for (const [uid, title] of [['nix-binary-cache', 'Hit rate (1h)'], ['nix-build-cache', 'Cache hit rate (1h)']] as const) {
        expect(thresholdSteps(await panel(uid, title)), `${uid}: ${title}`).toEqual([SEED_HIT_RATE_TARGET]);
      }
    });

    it.each([
      ['system-overview', 'CPU used', 'HostHighCpuUsage', (v: number) => v],
      ['system-overview', 'Memory used', 'HostHighMemoryUsage', (v: number) => v],
      // The alert is on available space, the panels show used space.
      ['system-overview', 'Root filesystem used', 'HostLowDiskSpace', (v: number) => 1 - v],
      ['system-overview', 'Other filesystems used', 'HostLowDiskSpace', (v: number) => 1 - v],
      ['gpu', 'Temperature', 'GPUHighTemperature', (v: number) => v],
      ['gpu', 'Memory used', 'GPUMemoryHigh', (v: number) => v],
      ['nix-build-cache', 'Time since last check', 'NixBuildCacheCheckStale', (v: number) => v],
      ['homelab-builds', 'Since last successful build', 'HomelabDeployNoRecentSuccessfulBuild', (v: number) => v],
    ])('%s "%s": a step at each threshold of %s', async (uid, title, alert, toPanel) => {
      const found = panels(await dashboard(uid)).filter((p) => p.title === title && p.type !== 'row');
      expect(found.length).toBeGreaterThan(0);
      const wanted = (await alertThresholds(alert)).map(toPanel);
      expect(wanted.length).toBeGreaterThan(0);
      for (const p of found) {
        for (const w of wanted) expect(thresholdSteps(p).some((s) => Math.abs(s - w) < 1e-9), `${p.type} "${title}": ${w}`).toBe(true);
      }
    });
  });

  it('say "not configured" wherever the distributed build state is shown as it is', async () => {
    const { grafana } = await homelab();
    // Panels that show the raw state; the success-rate graph filters -1 out (>= 0) and needs no mapping.
    const raw = grafana.dashboards.flatMap((d) => panels(d.json)).filter((p) => p.exprs.some((e) => /^\s*nix_distributed_build_success\s*$/.test(e)));
    expect(raw.length).toBeGreaterThan(0);
    for (const p of raw) {
      const field = p.json['fieldConfig'];
      const mappings = isJsonObject(field) && isJsonObject(field['defaults']) ? field['defaults']['mappings'] : undefined;
      const texts = (Array.isArray(mappings) ? mappings : []).flatMap((m) =>
        isJsonObject(m) && m['type'] === 'value' && isJsonObject(m['options']) && isJsonObject(m['options']['-1']) ? [m['options']['-1']['text']] : [],
      );
      expect(texts, `${p.dashboard}: ${p.title}`).toEqual(['not configured']);
    }
  });

  describe('mobile status', () => {
    it('is stat panels only, at most two side by side', async () => {
      const board = panels(await dashboard('mobile-status')).filter((p) => p.type !== 'row');
      expect(board.length).toBeGreaterThan(0);
      expect([...new Set(board.map((p) => p.type))]).toEqual(['stat']);
      for (const p of board) {
        const grid = p.json['gridPos'];
        expect(isJsonObject(grid) ? grid['w'] : 0, p.title).toBeGreaterThanOrEqual(12);
        if (p.json['repeat'] !== undefined) expect(p.json['maxPerRow'], p.title).toBeLessThanOrEqual(2);
      }
    });

    it('counts firing alerts of every severity the rules use', async () => {
      const { alerts } = await homelab();
      const severities = [...new Set(alerts.map((a) => a.labels['severity']))].filter((s) => s !== 'info').sort();
      const exprs = panels(await dashboard('mobile-status')).flatMap((p) => p.exprs);
      for (const s of severities) expect(exprs.some((e) => e.includes('ALERTS{') && e.includes(`severity="${s}"`)), s).toBe(true);
    });
  });

  it('show the legend of every time series panel that names its series', async () => {
    const { grafana } = await homelab();
    const graphs = grafana.dashboards.flatMap((d) => panels(d.json)).filter((p) => p.type === 'timeseries');
    expect(graphs.length).toBeGreaterThan(0);
    for (const p of graphs) {
      const options = p.json['options'];
      const legend = isJsonObject(options) ? options['legend'] : undefined;
      expect(isJsonObject(legend) && legend['showLegend'], `${p.dashboard}: ${p.title}`).toBe(true);
    }
  });

  it('take every job name from the manifest, as the rules do: a job renamed there renames it here or fails to compile', () => {
    // A matcher on `job` whose value is written out, not a ${...} from prometheus/homelab.ts nor a Grafana $variable.
    const literal = /\bjob\s*(?:=~|!~|!=|=)\s*"(?![$])[^"]*"/g;
    const found: string[] = [];
    let imports = 0;
    for (const dir of ['dashboards', 'rules']) {
      for (const name of fs.readdirSync(path.join(repoRoot, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const text = fs.readFileSync(path.join(repoRoot, dir, name), 'utf8');
        if (text.includes("from '../prometheus/homelab.js'")) imports++;
        // Comments may quote what other configurations wrote.
        const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        for (const m of code.matchAll(literal)) found.push(`${dir}/${name}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
    expect(imports).toBeGreaterThanOrEqual(8);
  });
});
