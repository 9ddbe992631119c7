/**
 * The dashboards API: what users write in `dashboards/*.ts`.
 *
 *   import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
 *   import { dashboard } from 'promforge';
 *
 *   export default dashboard({
 *     folder: 'Nix',
 *     dashboard: new DashboardBuilder('Nix build & cache').uid('nix-build-cache').tags(['nix']),
 *   });
 *
 * The dashboard itself is built with Grafana's foundation SDK; this only records which folder it is
 * provisioned into and where it was declared (so every problem the build finds points at this call). All
 * validation happens later in the pipeline, with every other problem, instead of stopping at the first throw.
 */
import { fileURLToPath } from 'node:url';
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { SourceLocation } from '../rules/model.js';
import { callerLocation } from '../source-location.js';

/**
 * A provisioning folder name: Grafana names the folder after the directory, so it cannot be empty, contain a
 * `/` or start with a dot (a hidden directory). Literals that break this do not compile.
 */
export type FolderName<F extends string> = string extends F
  ? F
  : F extends '' | `.${string}` | `${string}/${string}` | `${string}\\${string}`
    ? never
    : F;

export interface DashboardSpec<F extends string = string> {
  /** The Grafana folder the dashboard is provisioned into, e.g. `'Nix'`. */
  readonly folder: F & FolderName<F>;
  /** The SDK's builder (`new DashboardBuilder(title).uid(...)...`); the build calls `.build()` on it. */
  readonly dashboard: Builder<Dashboard>;
}

export interface DashboardDeclaration {
  readonly kind: 'dashboard';
  readonly folder: string;
  /** The SDK's output: classic dashboard JSON, before promforge normalises and checks it. */
  readonly json: unknown;
  readonly at?: SourceLocation;
}

/** What a `dashboards/*.ts` module exports by default: one dashboard, or several. */
export type DashboardsModule = DashboardDeclaration | readonly DashboardDeclaration[];

const here = fileURLToPath(import.meta.url);

/** A dashboard provisioned into `folder`; written to `out/grafana/dashboards/<folder>/<uid>.json`. */
export function dashboard<const F extends string>(spec: DashboardSpec<F>): DashboardDeclaration {
  // tsx does not type-check: a plain object where a builder belongs is reported by the build, not thrown here.
  const given: unknown = spec.dashboard;
  const json = typeof (given as { build?: unknown } | null)?.build === 'function' ? (given as Builder<Dashboard>).build() : given;
  return { kind: 'dashboard', folder: spec.folder, json, at: callerLocation([here]) };
}
