/**
 * Rule-file fields that older Prometheus versions reject as unknown. Declaring one for an older target would
 * produce a file the target's promtool refuses, so the build stops with the version it needs instead.
 */
import { atLeast, type Version } from '../config/version.js';

export interface FieldFeature {
  readonly field: string;
  readonly since: string;
}

export const GROUP_FIELD_SINCE: Readonly<Record<string, FieldFeature>> = {
  limit: { field: 'group limit', since: '2.31.0' },
  query_offset: { field: 'group query_offset', since: '2.53.0' },
  labels: { field: 'group labels', since: '3.0.0' },
};

export const RULE_FIELD_SINCE: Readonly<Record<string, FieldFeature>> = {
  keep_firing_for: { field: 'keep_firing_for', since: '2.42.0' },
};

/** Prometheus 3.0 made UTF-8 metric and label names valid; before it only the classic charset was. */
export const usesLegacyNames = (target: Version): boolean => !atLeast(target, '3.0.0');
