import path from 'node:path';
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { emitDashboard } from '../../src/grafana/emit.js';
import { promQuery } from '../../src/grafana/helpers.js';
import type { JsonObject } from '../../src/grafana/model.js';
import { normalizeDashboard } from '../../src/grafana/normalize.js';
import { emitDashboardProvider, emitDatasources } from '../../src/grafana/provisioning.js';

const plain = (b: { build(): unknown }): JsonObject => JSON.parse(JSON.stringify(b.build())) as JsonObject;

describe('normalising a declared dashboard', () => {
  const built = normalizeDashboard(plain(
    new DashboardBuilder('N').uid('n').id(7)
      .withRow(new RowBuilder('First'))
      .withPanel(new stat.PanelBuilder().title('a').id(2).withTarget(promQuery('up')).withTarget(promQuery('up', { refId: 'A' })))
      .withRow(new RowBuilder('Second'))
      .withPanel(new timeseries.PanelBuilder().title('b')
        .withTarget(promQuery('up'))
        .withTarget(promQuery('up').datasource({ type: 'prometheus', uid: 'prometheus' }))),
  ));
  const panels = built['panels'] as JsonObject[];

  it('drops the dashboard id and numbers panels (rows included) around the ids already taken', () => {
    expect(built).not.toHaveProperty('id');
    expect(panels.map((p) => [p['type'], p['id']])).toEqual([['row', 1], ['stat', 2], ['row', 3], ['timeseries', 4]]);
  });

  it('names queries A, B, … skipping refIds already used', () => {
    expect((panels[1]!['targets'] as JsonObject[]).map((t) => t['refId'])).toEqual(['B', 'A']);
  });

  it('gives a panel the datasource its queries share, and none when they differ', () => {
    expect(panels[1]!['datasource']).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(panels[3]!['datasource']).toBeUndefined();
  });
});

describe('emitting dashboard JSON', () => {
  it('orders keys by name with identity first and panels last, whatever order the builder was called in', () => {
    const a = new DashboardBuilder('T').uid('t').tags(['x']).refresh('1m').withPanel(new stat.PanelBuilder().title('p').unit('s').span(6));
    const b = new DashboardBuilder('T').refresh('1m').tags(['x']).uid('t').withPanel(new stat.PanelBuilder().span(6).unit('s').title('p'));
    const text = emitDashboard(normalizeDashboard(plain(a)));
    expect(text).toBe(emitDashboard(normalizeDashboard(plain(b))));
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys.slice(0, 2)).toEqual(['uid', 'title']);
    expect(keys.at(-1)).toBe('panels');
    expect(keys.slice(2, -1)).toEqual([...keys.slice(2, -1)].sort());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "uid": "t",\n');
  });
});

describe('provisioning files', () => {
  const config = resolveConfig(path.join('/project'), {
    scrapeInterval: '30s',
    grafana: { dashboardsPath: '/srv/dashboards', datasources: { loki: 'http://logs:3100/' } },
  });

  it('a file provider reading folders from the directory structure, with UI edits off', () => {
    expect(emitDashboardProvider(config, 'header')).toBe([
      '# header',
      '',
      'apiVersion: 1',
      'providers:',
      '  - name: promforge',
      '    orgId: 1',
      '    type: file',
      '    disableDeletion: false',
      '    allowUiUpdates: false',
      '    options:',
      '      path: /srv/dashboards',
      '      foldersFromFilesStructure: true',
      '',
    ].join('\n'));
  });

  it('the three datasources under the uids the dashboards use, Prometheus with the scrape interval', () => {
    const text = emitDatasources(config, 'header');
    expect(text).toContain('  - name: Prometheus\n    uid: prometheus\n    type: prometheus\n    access: proxy\n    url: http://localhost:9090\n    isDefault: true');
    expect(text).toContain('timeInterval: 30s');
    expect(text).toContain('uid: alertmanager');
    expect(text).toContain('url: http://logs:3100\n');
  });

  it('refuses a relative dashboardsPath and URLs that are not http(s)', () => {
    expect(() => resolveConfig('/p', { grafana: { dashboardsPath: 'dashboards' } })).toThrow(/must be absolute/);
    expect(() => resolveConfig('/p', { grafana: { url: 'grafana.example' } })).toThrow(/not an http\(s\) URL/);
  });
});
