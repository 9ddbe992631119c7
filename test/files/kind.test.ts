import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/files/kind.js';

describe('detectKind', () => {
  it.each([
    ['groups:\n  - name: a\n    rules: []\n', 'rules.yml', 'prometheus-rules'],
    ['# only a comment\n', 'rules.yml', 'prometheus-rules'],
    ['', 'rules.yml', 'prometheus-rules'],
    ['""\n', 'rules.yml', 'prometheus-rules'],
    ['just text\n', 'rules.yml', 'unknown'],
    ['- a\n- b\n', 'rules.yml', 'unknown'],
    ['rule_files: [a.yml]\nevaluation_interval: 1m\ntests: []\n', 't.yml', 'prometheus-rule-tests'],
    ['rule_files: [a.yml]\nevaluation_interval: 1m\n', 't.yml', 'prometheus-rule-tests'],
    ['global: {}\nscrape_configs: []\n', 'p.yml', 'prometheus-config'],
    ['global: {}\nalerting: {}\n', 'p.yml', 'prometheus-config'],
    ['route:\n  receiver: a\nreceivers:\n  - name: a\n', 'am.yml', 'alertmanager-config'],
    ['{"panels": [], "schemaVersion": 39}', 'd.json', 'grafana-dashboard'],
    ['{"title": "x"}', 'd.json', 'unknown'],
    ['"groups": []\n', 'r.yml', 'prometheus-rules'],
    ['? groups\n: []\n', 'r.yml', 'prometheus-rules'],
    // Duplicate keys do not hide what the file is: the rule reader reports them with their position.
    ['route: {}\nroute: {}\n', 'am.yml', 'alertmanager-config'],
    // Not YAML at all: a rule file, so the rule reader reports the syntax error; broken JSON that looks like a
    // dashboard goes to the dashboard reader, which reports the syntax error with its position; other JSON is not judged.
    ['route: [\n', 'am.yml', 'prometheus-rules'],
    ['{"panels": [', 'd.json', 'grafana-dashboard'],
    ['{"title": [', 'd.json', 'unknown'],
    ['a: 1\n---\nb: 2\n', 'x.yml', 'prometheus-rules'],
    ['x: &a {groups: 1}\n<<: *a\n', 'x.yml', 'unknown'],
  ] as const)('%j (%s) is %s', (text, name, kind) => {
    expect(detectKind(text, name)).toBe(kind);
  });
});
