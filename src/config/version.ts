/**
 * Target versions. A version is kept as the user wrote it for messages and compared numerically, so that
 * `2.42` and `2.42.0` mean the same and `2.9` sorts before `2.42`.
 */

export type Version = readonly [major: number, minor: number, patch: number];

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/;

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `target` is at least `since` ("2.53.0"). */
export function atLeast(target: Version, since: string): boolean {
  let s = literals.get(since);
  if (!s) {
    s = parseVersion(since);
    if (!s) throw new Error(`internal: bad version literal ${since}`);
    literals.set(since, s);
  }
  return compareVersions(target, s) >= 0;
}

/** `since` is always a literal from a table, asked about on hot paths (template functions, PromQL features). */
const literals = new Map<string, Version>();

export const formatVersion = (v: Version): string => v.join('.');

/**
 * The Prometheus semantics `check` applies when no version is given: the release the conformance fixtures
 * were taken from (see ../shared/conformance/promtool/SOURCE.md).
 */
export const LATEST_PROMETHEUS = '3.14.0';

/** Likewise for Alertmanager (see ../shared/conformance/alertmanager/SOURCE.md). */
export const LATEST_ALERTMANAGER = '0.34.0';

/** `3.0.0` → `3.0`: the short form reads better in messages. */
export const shortVersion = (v: string): string => v.replace(/\.0$/, '');
