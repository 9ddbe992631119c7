/**
 * Metric and label name rules. Prometheus 3 accepts any non-empty UTF-8 name; 2.x (and 3.x with legacy
 * validation) only the classic charset. Which applies follows the target version.
 */
export type NameValidation = 'utf8' | 'legacy';

const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const wellFormed = (s: string): boolean => s.length > 0 && s.isWellFormed();

export const isValidMetricName = (name: string, scheme: NameValidation): boolean =>
  scheme === 'legacy' ? LEGACY_METRIC.test(name) : wellFormed(name);

export const isValidLabelName = (name: string, scheme: NameValidation): boolean =>
  scheme === 'legacy' ? LEGACY_LABEL.test(name) : wellFormed(name);

/** Label values may be anything but broken UTF-16 (which would be broken UTF-8 on the wire). */
export const isValidLabelValue = (value: string): boolean => value.isWellFormed();
