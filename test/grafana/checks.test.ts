/**
 * Every dashboard check, each on a copy of one clean dashboard (test/fixtures/grafana/good.json) with one
 * thing broken, read through the same reader `promforge check` uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { readDashboardText } from '../../src/grafana/read.js';
import { validateDashboards } from '../../src/grafana/validate.js';
import { repoRoot } from '../helpers.js';

const goodFile = path.join(repoRoot, 'test/fixtures/grafana/good.json');
const goodText = fs.readFileSync(goodFile, 'utf8');

/** The parts of good.json the cases edit. */
interface Target { refId?: string; datasource?: unknown; expr?: string; legendFormat?: string }
interface Panel {
  id: number; type: string; title?: string; datasource?: unknown; collapsed?: boolean; panels?: unknown[]; targets?: Target[];
  gridPos?: { x: number; y: number; w: number; h: number };
  fieldConfig?: { defaults: { unit?: string }; overrides: unknown[] };
}
interface Dash {
  uid?: string; title?: string; panels: Panel[];
  templating: { list: { type: string; name: string; datasource?: unknown }[] };
  [key: string]: unknown;
}
type Obj = Dash | Record<string, unknown>;

function good(): Dash {
  return JSON.parse(goodText) as Dash;
}

function check(...dashboards: Obj[]): Diagnostic[] {
  const models = dashboards.map((d, i) => {
    const read = readDashboardText(JSON.stringify(d, null, 2), `/dash/${i}.json`, '/dash');
    if (!read.dashboard) throw new Error(read.diagnostics.map((x) => x.message).join('\n'));
    return read.dashboard;
  });
  return validateDashboards(models, { scrapeIntervalMs: 30_000 });
}

/** The ids found, errors and warnings apart. */
const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.severity} ${d.code ?? '-'}`);

function broken(edit: (d: Dash) => void): Diagnostic[] {
  const d = good();
  edit(d);
  return check(d);
}

const panel = (d: Dash, id: number): Panel => d.panels.find((p) => p.id === id)!;
const target = (d: Dash, id: number): Target => panel(d, id).targets![0]!;

describe('dashboard checks', () => {
  it('find nothing in a clean dashboard', () => {
    expect(check(good())).toEqual([]);
  });

  describe('identity', () => {
    it('dashboard/title: an empty or missing title', () => {
      expect(codes(broken((d) => { d.title = ' '; }))).toEqual(['error dashboard/title']);
      expect(codes(broken((d) => { delete d.title; }))).toEqual(['error dashboard/title']);
    });

    it('dashboard/uid: missing, too long, or with characters Grafana refuses', () => {
      expect(codes(broken((d) => { delete d.uid; }))).toEqual(['error dashboard/uid']);
      expect(codes(broken((d) => { d.uid = 'x'.repeat(41); }))).toEqual(['error dashboard/uid']);
      const bad = broken((d) => { d.uid = 'nix cache'; });
      expect(codes(bad)).toEqual(['error dashboard/uid']);
      expect(bad[0]!.message).toContain('"nix cache"');
      expect(check({ ...good(), uid: 'a-Z_0'.padEnd(40, 'x') })).toEqual([]);
    });

    it('dashboard/envelope: the HTTP API body, and nothing else reported about it', () => {
      const found = check({ dashboard: good(), folderUid: 'abc', overwrite: true });
      expect(codes(found)).toEqual(['error dashboard/envelope']);
      expect(found[0]!.hint).toContain('without the envelope');
    });

    it('dashboard/duplicate-uid and dashboard/duplicate-title across dashboards, titles per folder', () => {
      const other = { ...good(), title: 'Other' };
      expect(codes(check(good(), other))).toEqual(['error dashboard/duplicate-uid']);
      const sameTitle = { ...good(), uid: 'hosts-2' };
      expect(codes(check(good(), sameTitle))).toEqual(['error dashboard/duplicate-title']);
      // Another folder may reuse a title.
      const a = readDashboardText(goodText, '/a/x.json', '/a').dashboard!;
      const b = readDashboardText(goodText.replace('"uid": "hosts"', '"uid": "hosts-b"'), '/b/x.json', '/b').dashboard!;
      expect(validateDashboards([a, b])).toEqual([]);
    });
  });

  describe('layout', () => {
    it('panel/grid: past column 24, no gridPos, sizes that are not whole numbers', () => {
      expect(codes(broken((d) => { panel(d, 3).gridPos!.x = 14; }))).toEqual(['error panel/grid']);
      expect(codes(broken((d) => { delete panel(d, 2).gridPos; }))).toEqual(['error panel/grid']);
      expect(codes(broken((d) => { panel(d, 2).gridPos!.w = 0; }))).toEqual(['error panel/grid']);
    });

    it('panel/overlap: two panels on the same cells', () => {
      const found = broken((d) => { panel(d, 3).gridPos!.x = 8; panel(d, 3).gridPos!.w = 16; });
      expect(codes(found)).toEqual(['error panel/overlap']);
      expect(found[0]!.message).toContain('overlaps panel "Targets up"');
    });

    it('panel/row: an expanded row holding panels, but not a collapsed one', () => {
      const inner = { id: 9, type: 'text', gridPos: { x: 0, y: 0, w: 24, h: 2 } };
      expect(codes(broken((d) => { panel(d, 1).panels = [inner]; }))).toEqual(['error panel/row']);
      expect(broken((d) => { panel(d, 1).panels = [inner]; panel(d, 1).collapsed = true; })).toEqual([]);
    });

    it('panel/id: two panels with one id', () => {
      expect(codes(broken((d) => { panel(d, 3).id = 2; }))).toEqual(['error panel/id']);
    });
  });

  describe('panels', () => {
    it('panel/title: untitled panels, text panels excepted', () => {
      expect(codes(broken((d) => { delete panel(d, 2).title; }))).toEqual(['error panel/title']);
      expect(broken((d) => { panel(d, 4).type = 'text'; delete panel(d, 4).title; delete panel(d, 4).targets; })).toEqual([]);
    });

    it('panel/queries: a data panel with no queries', () => {
      expect(codes(broken((d) => { panel(d, 2).targets = []; }))).toEqual(['error panel/queries']);
    });

    it('dashboard/datasource: unprovisioned uid (with did-you-mean), undeclared or non-datasource variable, mismatched type', () => {
      const typo = broken((d) => { (panel(d, 4).datasource as { uid: string }).uid = 'alertmanger'; });
      expect(codes(typo)).toEqual(['error dashboard/datasource']);
      expect(typo[0]!.hint).toBe('did you mean alertmanager?');
      expect(codes(broken((d) => { panel(d, 2).datasource = { type: 'prometheus', uid: '${ds}' }; }))).toEqual(['error dashboard/datasource']);
      expect(codes(broken((d) => { panel(d, 2).datasource = { type: 'prometheus', uid: '$job' }; }))).toEqual(['error dashboard/datasource']);
      expect(codes(broken((d) => { panel(d, 4).datasource = { type: 'loki', uid: 'alertmanager' }; }))).toEqual(['error dashboard/datasource']);
      expect(codes(broken((d) => { delete panel(d, 4).datasource; }))).toEqual(['error dashboard/datasource']);
    });

    it('dashboard/datasource: a query on another datasource than its panel, unless the panel is Mixed', () => {
      const found = broken((d) => { target(d, 2).datasource = { type: 'prometheus', uid: 'prometheus' }; });
      expect(codes(found)).toEqual(['error dashboard/datasource']);
      expect(found[0]!.message).toContain('runs on prometheus but its panel on $datasource');
      expect(broken((d) => {
        panel(d, 2).datasource = { type: 'datasource', uid: '-- Mixed --' };
        target(d, 2).datasource = { type: 'prometheus', uid: 'prometheus' };
      })).toEqual([]);
    });

    it('dashboard/datasource: a query variable on an unknown datasource', () => {
      expect(codes(broken((d) => { d.templating.list[1]!.datasource = { type: 'prometheus', uid: 'prom' }; }))).toEqual(['error dashboard/datasource']);
    });

    it('panel/unit: units Grafana does not know, with the unit meant; custom units pass', () => {
      const found = broken((d) => { panel(d, 3).fieldConfig!.defaults.unit = 'percent_unit'; });
      expect(codes(found)).toEqual(['error panel/unit']);
      expect(found[0]!.hint).toBe('did you mean percentunit?');
      expect(broken((d) => { panel(d, 3).fieldConfig!.defaults.unit = 'seconds'; })[0]!.hint).toBe('did you mean s?');
      expect(broken((d) => { panel(d, 3).fieldConfig!.defaults.unit = 'suffix: builds'; })).toEqual([]);
      const override = broken((d) => {
        panel(d, 3).fieldConfig!.overrides = [{ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'unit', value: 'Bytes' }] }];
      });
      expect(codes(override)).toEqual(['error panel/unit']);
      expect(override[0]!.hint).toBe('did you mean bytes?');
    });
  });

  describe('queries', () => {
    it('query/promql: parse and type errors, at the column in the original query', () => {
      const found = broken((d) => { target(d, 3).expr = 'sum(rate(node_cpu_seconds_total[$__rate_interval])'; });
      expect(codes(found)).toEqual(['error query/promql']);
      expect(found[0]!.message).toMatch(/^panels\[2\]\.targets\[0\]\.expr 1:\d+: parse error: /);
      const type = broken((d) => { target(d, 3).expr = 'rate(node_load1)'; });
      expect(codes(type)).toEqual(['error query/promql']);
      expect(type[0]!.message).toContain('expected type range vector');
      expect(codes(broken((d) => { target(d, 3).expr = ''; }))).toEqual(['error query/promql']);
    });

    it('query/promql: PromQL newer than the target Prometheus', () => {
      const d = good();
      target(d, 3).expr = 'double_exponential_smoothing(node_load1[$__rate_interval], 0.5, 0.5)';
      const read = readDashboardText(JSON.stringify(d), '/x.json').dashboard!;
      expect(codes(validateDashboards([read], { prometheusVersion: '2.42.0' }))).toContain('error query/promql');
    });

    it('query/variable: an undeclared variable, an error outside strings and a warning inside', () => {
      const outside = broken((d) => { target(d, 3).expr = 'node_load1 > $limit'; });
      expect(codes(outside)).toEqual(['error query/variable']);
      const inside = broken((d) => { target(d, 3).expr = 'node_load1{instance=~"$host"}'; target(d, 3).legendFormat = ''; });
      expect(codes(inside)).toEqual(['warning query/variable']);
      // label_replace's $1 is not a variable.
      expect(broken((d) => { target(d, 3).expr = 'label_replace(node_load1, "host", "$1", "instance", "(.*):.*")'; target(d, 3).legendFormat = '{{host}}'; })).toEqual([]);
    });

    it('a query repeated on many dashboards: judged by its text and each dashboard\'s variables, reported on every one', () => {
      const a = good();
      const b = { ...good(), uid: 'b', title: 'B' };
      for (const d of [a, b]) Object.assign(target(d, 3), { expr: 'node_load1{instance=~"$host"}', legendFormat: '' });
      a.templating.list.push({ type: 'custom', name: 'host', query: 'nas-01,nix-01' } as never);
      const found = check(a, b);
      expect(found.map((d) => [d.at?.file, d.code])).toEqual([['/dash/1.json', 'query/variable']]);
      for (const d of [a, b]) target(d, 3).expr = 'rate(node_load1)';
      expect(check(a, b).map((d) => [d.at?.file, d.code])).toEqual([['/dash/0.json', 'query/promql'], ['/dash/1.json', 'query/promql']]);
    });

    it('query/rate-interval: $__interval is an error, a fixed rate() window a warning, increase() over a fixed window fine', () => {
      expect(codes(broken((d) => { target(d, 3).expr = 'rate(node_cpu_seconds_total[$__interval])'; }))).toEqual(['error query/rate-interval']);
      expect(codes(broken((d) => { target(d, 3).expr = 'rate(node_cpu_seconds_total[5m])'; }))).toEqual(['warning query/rate-interval']);
      expect(broken((d) => { target(d, 3).expr = 'increase(node_cpu_seconds_total[1h])'; })).toEqual([]);
      expect(broken((d) => { target(d, 3).expr = 'increase(node_cpu_seconds_total[$__range])'; })).toEqual([]);
    });

    it('query/legend: a label the query cannot return, with why', () => {
      const found = broken((d) => { target(d, 3).legendFormat = '{{instance}} {{mode}}'; });
      expect(codes(found)).toEqual(['error query/legend']);
      expect(found[0]!.message).toContain('{{mode}}');
      expect(found[0]!.message).toMatch(/dropped by avg/);
      expect(found[0]!.hint).toContain('{{instance}}');
    });

    it('promql/series: the rule linter\'s metric check, with did-you-mean', () => {
      const found = broken((d) => { target(d, 3).expr = 'node_load_1'; target(d, 3).legendFormat = ''; });
      expect(codes(found)).toEqual(['error promql/series']);
      expect(found[0]!.hint).toContain('node_load1');
    });

    it('promql/rate: rate() of a gauge', () => {
      expect(codes(broken((d) => { target(d, 3).expr = 'rate(node_load1[$__rate_interval])'; }))).toEqual(['error promql/rate']);
    });

    it('value checks run only where matchers hold no variables', () => {
      const contradiction = 'node_load1{instance="a", instance="b"}';
      expect(codes(broken((d) => { target(d, 3).expr = contradiction; }))).toContain('error promql/impossible');
      expect(broken((d) => { target(d, 3).expr = 'node_load1{instance=~"$instance", mode="x"}'; target(d, 3).legendFormat = ''; })
        .filter((x) => x.code === 'promql/impossible' || x.code === 'promql/label-match')).toEqual([]);
    });

    it('queries on other datasources are left alone', () => {
      expect(broken((d) => { target(d, 4).expr = 'this is not promql'; })).toEqual([]);
    });
  });

  it('point at the line and column in the file, inside the query where the problem is', () => {
    const text = goodText.replace('[$__rate_interval]))",', '[$__interval]))",');
    const read = readDashboardText(text, goodFile);
    const found = validateDashboards([read.dashboard!]);
    expect(found.map((d) => formatDiagnostic(d, repoRoot))).toEqual([
      expect.stringMatching(/^test\/fixtures\/grafana\/good\.json:36:\d+: dashboard "hosts", panel "CPU busy": panels\[2\]\.targets\[0\]\.expr: rate\(\) over \[\$__interval\]/),
    ]);
    const line = text.split('\n')[35]!;
    const column = Number(/:36:(\d+):/.exec(formatDiagnostic(found[0]!, repoRoot))![1]);
    expect(line.slice(column - 1)).toMatch(/^\$__interval\]/);
  });
});
