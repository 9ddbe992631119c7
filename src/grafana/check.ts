/**
 * `promforge check` on dashboard JSON written by anyone: read each file into the dashboard model, then run
 * the build's checks on all of them together, so a uid or a folder's title used twice across the files is
 * found as the provisioning provider would meet it. A file's directory is its folder, as with
 * `foldersFromFilesStructure`.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { dashboardName } from './checks/identity.js';
import { panelsOf, type DashboardModel } from './model.js';
import { readDashboardText } from './read.js';
import { validateDashboards, type DashboardCheckOptions } from './validate.js';

export interface DashboardFile {
  /** As given on the command line, for the summary line. */
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

export interface DashboardFilesCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** One line per file: `nix.json: SUCCESS: dashboard "nix-build-cache", 12 panels, 15 queries` or `nix.json: FAILED`. */
  readonly summaries: readonly string[];
  readonly invalid: boolean;
}

export function checkDashboardFiles(files: readonly DashboardFile[], options: DashboardCheckOptions = {}): DashboardFilesCheck {
  const diagnostics: Diagnostic[] = [];
  const models: { file: DashboardFile; model?: DashboardModel }[] = [];
  for (const f of files) {
    const read = readDashboardText(f.text, f.path, path.dirname(f.path));
    diagnostics.push(...read.diagnostics);
    models.push({ file: f, ...(read.dashboard ? { model: read.dashboard } : {}) });
  }
  diagnostics.push(...validateDashboards(models.flatMap((m) => m.model ?? []), options));
  const failed = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.at?.file));
  const summaries = models.map(({ file, model }) => {
    if (!model || failed.has(file.path)) return `${file.name}: FAILED`;
    const panels = panelsOf(model.json).filter((p) => p.panel['type'] !== 'row');
    const queries = panels.reduce((n, p) => n + (Array.isArray(p.panel['targets']) ? p.panel['targets'].length : 0), 0);
    return `${file.name}: SUCCESS: ${dashboardName(model)}, ${panels.length} panel${panels.length === 1 ? '' : 's'}, ${queries} quer${queries === 1 ? 'y' : 'ies'}`;
  });
  return { diagnostics, summaries, invalid: failed.size > 0 };
}
