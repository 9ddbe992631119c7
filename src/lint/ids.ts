/**
 * Every lint check's stable id. Ids never change meaning: users write them in suppressions and CI configs.
 * The registry test proves this list and the registered checks agree.
 */
export const CHECK_IDS = [
  'promql/series',
  'promql/rate',
  'promql/counter',
  'promql/range',
  'promql/impossible',
  'promql/label-match',
  'promql/regexp',
  'promql/division',
  'alerts/template',
  'alerts/comparison',
  'alerts/absent',
  'alerts/for',
  'rules/interval',
  'alerts/severity',
  'alerts/summary',
  'alerts/description',
  'alerts/name',
  'lint/suppression',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export const isCheckId = (id: string): id is CheckId => (CHECK_IDS as readonly string[]).includes(id);
