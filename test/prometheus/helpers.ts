/** Manifests declared in a test, lowered as the build lowers `prometheus/*.ts`. */
import { expect } from 'vitest';
import { parseVersion } from '../../src/config/version.js';
import { lowerManifestModule } from '../../src/prometheus/declarations.js';
import { toPrometheusDocument, type EmitOptions } from '../../src/prometheus/emit.js';
import type { Manifest, PrometheusYml } from '../../src/prometheus/model.js';

export const SOURCE = '/project/prometheus/homelab.ts';

export function lower(declaration: unknown): Manifest {
  const lowered = lowerManifestModule(SOURCE, declaration);
  expect(lowered.diagnostics).toEqual([]);
  return lowered.manifest!;
}

/** Diagnostics as `line: subject: message`, for declarations made in a test file. */
export function problems(declaration: unknown): string[] {
  return lowerManifestModule(SOURCE, declaration).diagnostics.map((d) => `${d.subject ? `${d.subject}: ` : ''}${d.message}`);
}

export const OPTIONS: EmitOptions = { scrapeInterval: '15s', evaluationInterval: '30s', ruleFiles: ['rules/a.yaml'] };

export const yml = (m: Manifest, options: Partial<EmitOptions> = {}): PrometheusYml => toPrometheusDocument(m, { ...OPTIONS, ...options }).config;

export const v = (text: string) => parseVersion(text)!;
