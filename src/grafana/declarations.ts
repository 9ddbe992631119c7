/**
 * Declarations → dashboard model. tsx runs TypeScript without type checking, so what the types promise (a
 * declaration, a folder name, a built dashboard) is checked again here, with the `dashboard(...)` call's line.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import type { SourceLocation } from '../rules/model.js';
import { isJsonObject, type DashboardModel } from './model.js';
import { normalizeDashboard } from './normalize.js';

export interface LoweredDashboards {
  readonly dashboards: readonly DashboardModel[];
  readonly diagnostics: readonly Diagnostic[];
}

const isDeclaration = (v: unknown): v is { kind: 'dashboard'; folder: unknown; json: unknown; at?: SourceLocation } =>
  isJsonObject(v) && v['kind'] === 'dashboard';

/** Why a folder name cannot be a provisioning directory, or undefined when it can. */
export function folderProblem(folder: unknown): string | undefined {
  if (typeof folder !== 'string' || folder.trim() === '') return 'must be a non-empty string, e.g. "Nix"';
  if (folder.includes('/') || folder.includes('\\')) return 'cannot contain / or \\: it is one directory under the provider path';
  if (folder.startsWith('.')) return 'cannot start with a dot: Grafana would read a hidden directory';
  if (folder !== folder.trim()) return 'cannot start or end with a space';
  if (/\p{Cc}/u.test(folder)) return 'cannot contain control characters';
  return undefined;
}

/** The default export of a `dashboards/*.ts` module, as dashboard models. `source` is the module's path. */
export function lowerDashboardsModule(source: string, exported: unknown): LoweredDashboards {
  const fileAt: SourceLocation = { file: source, line: 1, column: 1 };
  const list: readonly unknown[] = Array.isArray(exported) ? exported : [exported];
  if (exported === undefined || list.length === 0 || !list.every(isDeclaration)) {
    return {
      dashboards: [],
      diagnostics: [error('the module must `export default` a dashboard(...) or an array of them', {
        at: fileAt,
        hint: "e.g. export default dashboard({ folder: 'Nix', dashboard: new DashboardBuilder('Nix').uid('nix') });",
      })],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const dashboards: DashboardModel[] = [];
  for (const decl of list) {
    if (!isDeclaration(decl)) continue;
    const at = decl.at ?? fileAt;
    const uid = isJsonObject(decl.json) ? decl.json['uid'] : undefined;
    const subject = typeof uid === 'string' && uid !== '' ? `dashboard "${uid}"` : 'dashboard';
    const folder = folderProblem(decl.folder);
    if (folder) diagnostics.push(error(`folder ${folder}`, { at, subject, code: 'dashboard/folder' }));
    if (!isJsonObject(decl.json)) {
      diagnostics.push(error('`dashboard` must be the SDK\'s DashboardBuilder', {
        at, subject: 'dashboard', hint: "e.g. dashboard: new DashboardBuilder('Nix build & cache').uid('nix-build-cache')",
      }));
      continue;
    }
    dashboards.push({
      folder: typeof decl.folder === 'string' ? decl.folder : '',
      json: normalizeDashboard(decl.json),
      source,
      locate: () => at,
    });
  }
  return { dashboards, diagnostics };
}
