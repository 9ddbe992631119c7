import { describe, expect, it } from 'vitest';
import { readDashboardText, scanJson } from '../../src/grafana/read.js';

const accepts = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('reading dashboard JSON with positions', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    const cases = [
      '{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' {"a" : {"b": {}}} ', '"s"', '0',
      '{"a": 1,}', '[1,]', '{a: 1}', "{'a': 1}", '{"a": 01}', '{"a": .5}', '{"a": "\\x"}', '{"a": "tab\there"}', '{"a": 1} x',
      '{"a": tru}', '', '{"a": "unterminated}', '[1 2]', '{"a" 1}', '-', '1.', '{"a": NaN}',
    ];
    for (const text of cases) expect(scanJson(text, 'f').ok, text).toBe(accepts(text));
  });

  it('says where a syntax error is, in its own words', () => {
    const r = readDashboardText('{\n  "uid": "x",\n  "panels": [1,]\n}\n', '/d.json');
    expect(r.diagnostics.map((d) => [d.message, d.at])).toEqual([
      ["not valid JSON: unexpected ']', expected a value", { file: '/d.json', line: 3, column: 16 }],
    ]);
  });

  it('locates values by path, and characters inside strings past escapes', () => {
    const text = '{\n  "panels": [\n    {"targets": [{"expr": "a{b=\\"c\\"}[$__interval]"}]}\n  ]\n}';
    const r = readDashboardText(text, '/d.json');
    const path = ['panels', 0, 'targets', 0, 'expr'];
    expect(r.dashboard!.locate(path)).toEqual({ file: '/d.json', line: 3, column: 27 });
    expect(r.dashboard!.locate(['panels', 0, 'missing', 'deeper'])).toEqual({ file: '/d.json', line: 3, column: 5 });
    const expr = 'a{b="c"}[$__interval]';
    const at = r.dashboard!.locateInString!(path, expr.indexOf('$'));
    expect(text.split('\n')[2]!.slice(at!.column - 1)).toMatch(/^\$__interval/);
  });

  it('refuses a top level that is not an object', () => {
    expect(readDashboardText('[]', '/d.json').diagnostics.map((d) => d.message)).toEqual(['a dashboard must be a JSON object']);
  });
});
