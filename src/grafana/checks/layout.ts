/**
 * Layout: every panel on Grafana's 24-column grid, none on top of another, panels where a row shows them,
 * one id per panel. Grafana never refuses a bad layout: it pushes overlapping panels down, clips panels
 * wider than the grid and silently drops the panels stored in an expanded row, so the dashboard people see
 * is not the one that was written.
 */
import { error, type Diagnostic } from '../../diagnostics.js';
import { describePanel, formatJsonPath, isJsonObject, panelsOf, type DashboardModel, type PanelAt } from '../model.js';
import { dashboardName } from './identity.js';

export const GRID_COLUMNS = 24;

interface Box {
  readonly at: PanelAt;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const isCount = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** The panel's grid box, or why it has none that fits. */
function boxOf(at: PanelAt): Box | string {
  const g = at.panel['gridPos'];
  if (!isJsonObject(g)) return 'has no gridPos: Grafana puts it wherever there is room, at its default size';
  const { x, y, w, h } = g;
  if (!isCount(w, 1) || !isCount(h, 1)) return `gridPos w and h must be whole numbers of at least 1, not w=${JSON.stringify(w)} h=${JSON.stringify(h)}`;
  if (!isCount(x, 0) || !isCount(y, 0)) return `gridPos x and y must be whole numbers of at least 0, not x=${JSON.stringify(x)} y=${JSON.stringify(y)}`;
  if (x + w > GRID_COLUMNS) return `spans columns ${x} to ${x + w} but the grid has ${GRID_COLUMNS}: Grafana cuts it to fit, squeezing the panel`;
  return { at, x, y, w, h };
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function checkLayout(d: DashboardModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const subject = (p: PanelAt): string => `${dashboardName(d)}, ${describePanel(p)}`;
  const panels = panelsOf(d.json);
  const boxes: Box[] = [];
  for (const p of panels) {
    const box = boxOf(p);
    if (typeof box === 'string') {
      out.push(error(`${formatJsonPath(p.path)} ${box}`, {
        at: d.locate([...p.path, 'gridPos']), subject: subject(p), code: 'panel/grid',
        hint: 'give it a place on the grid: x + w at most 24, e.g. .gridPos({ x: 0, y: 0, w: 12, h: 8 }) or .span(12).height(8)',
      }));
    } else boxes.push(box);
  }
  // Top-level panels share one grid; the panels of a collapsed row share the space it opens when expanded.
  const groups = new Map<string, Box[]>();
  for (const b of boxes) {
    const key = b.at.row ? formatJsonPath(b.at.row.path) : '';
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = group[j]!, b = group[i]!;
        if (!overlaps(a, b)) continue;
        out.push(error(`${formatJsonPath(b.at.path)} (x=${b.x} y=${b.y} w=${b.w} h=${b.h}) overlaps ${describePanel(a.at)} (x=${a.x} y=${a.y} w=${a.w} h=${a.h}): Grafana pushes one of them down, so the layout is not the one declared`, {
          at: d.locate([...b.at.path, 'gridPos']), subject: subject(b.at), code: 'panel/overlap',
          hint: 'move it below or beside the other panel; with the SDK, make each line of panels add up to 24 columns, or start a new row',
        }));
      }
    }
  }
  for (const p of panels) {
    const inner = p.panel['panels'];
    if (p.panel['type'] === 'row' && p.panel['collapsed'] !== true && Array.isArray(inner) && inner.length > 0) {
      out.push(error(`${formatJsonPath(p.path)} is an expanded row holding ${inner.length} panel${inner.length === 1 ? '' : 's'} of its own: Grafana only shows a row's stored panels when the row is collapsed and the user expands it, so these never appear`, {
        at: d.locate([...p.path, 'panels']), subject: subject(p), code: 'panel/row',
        hint: 'put the panels after the row at the top level (SDK: dashboard.withRow(row).withPanel(panel)), or collapse the row: new RowBuilder(title).collapsed(true)',
      }));
    }
  }
  const ids = new Map<number, PanelAt>();
  for (const p of panels) {
    const id = p.panel['id'];
    if (typeof id !== 'number') continue;
    const first = ids.get(id);
    if (first) {
      out.push(error(`${formatJsonPath(p.path)} has id ${id}, like ${describePanel(first)}: Grafana renumbers one of them on load, so links to a panel (viewPanel=${id}) may open the other`, {
        at: d.locate([...p.path, 'id']), subject: subject(p), code: 'panel/id', hint: 'give every panel its own id (declared dashboards get them assigned when left out)',
      }));
    } else ids.set(id, p);
  }
  return out;
}
