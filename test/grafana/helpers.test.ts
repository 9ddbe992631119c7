import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import { describe, expect, it } from 'vitest';
import {
  datasourceVariable, instanceVariable, jobVariable, labelValuesVariable, promQuery, statRow, thresholds, valueMappings,
} from '../../src/grafana/helpers.js';

describe('dashboard helpers', () => {
  it('statRow: a row header and equal shares of the 24 columns, the remainder to the first panels of each line', () => {
    const panels = (n: number) => Array.from({ length: n }, (_, i) => new stat.PanelBuilder().title(`s${i}`));
    const built = statRow(new DashboardBuilder('d'), 'Status', panels(5), { height: 3 }).build();
    const grid = (built.panels ?? []).map((p) => ('gridPos' in p ? p.gridPos : undefined));
    expect(grid).toEqual([
      { x: 0, y: 0, w: 24, h: 1 },
      { x: 0, y: 1, w: 5, h: 3 }, { x: 5, y: 1, w: 5, h: 3 }, { x: 10, y: 1, w: 5, h: 3 }, { x: 15, y: 1, w: 5, h: 3 }, { x: 20, y: 1, w: 4, h: 3 },
    ]);
    const two = statRow(new DashboardBuilder('d'), 'Phone', panels(3), { perLine: 2 }).build();
    expect((two.panels ?? []).slice(1).map((p) => ('gridPos' in p ? [p.gridPos?.x, p.gridPos?.y, p.gridPos?.w] : []))).toEqual([[0, 1, 12], [12, 1, 12], [0, 5, 12]]);
    expect(() => statRow(new DashboardBuilder('d'), 'x', [])).toThrow(/no panels/);
    expect(() => statRow(new DashboardBuilder('d'), 'x', panels(1), { perLine: 25 })).toThrow(/perLine/);
  });

  it('valueMappings: exact values in one value map, special values as their own', () => {
    expect(valueMappings({ '-1': { text: 'not configured', color: 'text' }, 1: 'ok', null: 'no data' })).toEqual([
      { type: 'value', options: { 1: { text: 'ok', index: 0 }, '-1': { text: 'not configured', color: 'text', index: 1 } } },
      { type: 'special', options: { match: 'null', result: { text: 'no data', index: 2 } } },
    ]);
  });

  it('thresholds: the base colour from -infinity, then ascending steps', () => {
    expect(thresholds('red', [0.8, 'orange'], [0.95, 'green']).build()).toEqual({
      mode: 'absolute', steps: [{ value: null, color: 'red' }, { value: 0.8, color: 'orange' }, { value: 0.95, color: 'green' }],
    });
  });

  it('promQuery: on the templated datasource, range by default, instant on request', () => {
    const range = promQuery('up', { legend: '{{instance}}' }).build();
    expect(range).toMatchObject({ expr: 'up', legendFormat: '{{instance}}', range: true, instant: false, datasource: { type: 'prometheus', uid: '${datasource}' } });
    expect(promQuery('up', { instant: true, format: 'table', refId: 'X', interval: '1m' }).build())
      .toMatchObject({ instant: true, range: false, format: 'table', refId: 'X', interval: '1m' });
  });

  it('variables: $datasource defaults to the provisioned Prometheus; $job and $instance read label values', () => {
    expect(datasourceVariable().build()).toMatchObject({ type: 'datasource', name: 'datasource', query: 'prometheus', current: { value: 'prometheus' } });
    expect(jobVariable().build()).toMatchObject({ name: 'job', query: 'label_values(up, job)', multi: true, includeAll: true, refresh: 2 });
    expect(instanceVariable().build()).toMatchObject({ name: 'instance', query: 'label_values(up{job=~"$job"}, instance)' });
    expect(labelValuesVariable('gpu', { label: 'uuid', selector: 'nvidia_smi_gpu_info', multi: false }).build())
      .toMatchObject({ name: 'gpu', query: 'label_values(nvidia_smi_gpu_info, uuid)', multi: false, datasource: { uid: '${datasource}' } });
  });
});
