import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../../../src/promql/engine/functions/labels.js';
import { EvalError } from '../../../../src/promql/engine/types.js';
import type { Sample } from '../../../../src/promql/engine/types.js';
import { evalAt, expectRows, invoke, load, str, vec } from './helpers.js';

const data = load(300_000, {
  'testmetric{src="source-value-10",dst="original-destination-value"}': '0',
  'testmetric{src="source-value-20",dst="original-destination-value"}': '1',
});

describe('label_replace (functions.test)', () => {
  it.each([
    [
      'label_replace(testmetric, "dst", "destination-value-$1", "src", "source-value-(.*)")',
      { 'testmetric{src="source-value-10",dst="destination-value-10"}': 0, 'testmetric{src="source-value-20",dst="destination-value-20"}': 1 },
    ],
    // Full-string match only.
    [
      'label_replace(testmetric, "dst", "destination-value-$1", "src", "value-(.*)")',
      { 'testmetric{src="source-value-10",dst="original-destination-value"}': 0, 'testmetric{src="source-value-20",dst="original-destination-value"}': 1 },
    ],
    [
      'label_replace(testmetric, "dst", "$1-value-$2", "src", "(.*)-value-(.*)")',
      { 'testmetric{src="source-value-10",dst="source-value-10"}': 0, 'testmetric{src="source-value-20",dst="source-value-20"}': 1 },
    ],
    // A missing source label reads as "", which this regex does not match.
    [
      'label_replace(testmetric, "dst", "value-$1", "nonexistent-src", "source-value-(.*)")',
      { 'testmetric{src="source-value-10",dst="original-destination-value"}': 0, 'testmetric{src="source-value-20",dst="original-destination-value"}': 1 },
    ],
    [
      'label_replace(testmetric, "dst", "value-$1", "nonexistent-src", "(.*)")',
      { 'testmetric{src="source-value-10",dst="value-"}': 0, 'testmetric{src="source-value-20",dst="value-"}': 1 },
    ],
    [
      'label_replace((((testmetric))), (("dst")), (("value-$1")), (("src")), (("non-matching-regex")))',
      { 'testmetric{src="source-value-10",dst="original-destination-value"}': 0, 'testmetric{src="source-value-20",dst="original-destination-value"}': 1 },
    ],
    // An empty result removes the label.
    ['label_replace(testmetric, "dst", "", "dst", ".*")', { 'testmetric{src="source-value-10"}': 0, 'testmetric{src="source-value-20"}': 1 }],
    // ${1}x versus $1x (group "1x" does not exist), $name and $$.
    [
      'label_replace(testmetric, "dst", "${1}x|$1x|$$|$num|${num}", "src", "source-value-(?P<num>.*)")',
      { 'testmetric{src="source-value-10",dst="10x||$|10|10"}': 0, 'testmetric{src="source-value-20",dst="20x||$|20|20"}': 1 },
    ],
  ])('%s', (expr, want) => {
    expectRows(evalAt(expr, data, 0).samples, want);
  });

  it.each([
    ['label_replace(testmetric, "dst", "value-$1", "src", "(.*")', 'invalid regular expression in label_replace(): (.*'],
    ['label_replace(testmetric, "\\xff", "", "src", "(.*)")', 'invalid destination label name in label_replace(): \ufffd'],
    ['label_replace(testmetric, "", "", "src", "(.*)")', 'invalid destination label name in label_replace(): '],
    ['label_replace(testmetric, "src", "", "", "")', 'vector cannot contain metrics with the same labelset'],
  ])('fails: %s', (expr, message) => {
    expect(() => evalAt(expr, data, 0)).toThrow(new EvalError(message));
  });

  it('validates before looking at the data', () => {
    expect(() => evalAt('label_replace(nothing, "a", "", "src", "[")', data, 0)).toThrow(EvalError);
  });

  it('accepts UTF-8 label names from 3.0, only legacy names before', () => {
    expect(evalAt('label_replace(testmetric, "d.st", "x", "src", ".*")', data, 0).samples[0]?.metric['d.st']).toBe('x');
    expect(() => evalAt('label_replace(testmetric, "d.st", "x", "src", ".*")', data, 0, { version: '2.55.0' })).toThrow(
      'invalid destination label name in label_replace(): d.st',
    );
  });

  it('lets . match newlines from 3.0', () => {
    const nl = vec({ x: 1 });
    const withNewline = { type: 'vector' as const, samples: [{ metric: { src: 'a\nb' }, t: 0, v: 1 }] };
    const args = (v: typeof nl) => [v, str('dst'), str('y'), str('src'), str('a.b')];
    expect(invoke('label_replace(x, "dst", "y", "src", "a.b")', args(withNewline)).samples[0]?.metric['dst']).toBe('y');
    expect(invoke('label_replace(x, "dst", "y", "src", "a.b")', args(withNewline), { version: '2.55.0' }).samples[0]?.metric['dst']).toBeUndefined();
  });

  it('writing __name__ cancels a pending name removal; other labels keep it', () => {
    const pending: Sample = { metric: { __name__: 'x', a: 'b' }, t: 0, v: 1, dropName: true };
    const input = { type: 'vector' as const, samples: [pending] };
    const name = invoke('label_replace(x, "__name__", "y", "a", ".*")', [input, str('__name__'), str('y'), str('a'), str('.*')]);
    expect(name.samples[0]).toEqual({ metric: { __name__: 'y', a: 'b' }, t: 0, v: 1 });
    const other = invoke('label_replace(x, "c", "y", "a", ".*")', [input, str('c'), str('y'), str('a'), str('.*')]);
    expect(other.samples[0]).toEqual({ metric: { __name__: 'x', a: 'b', c: 'y' }, t: 0, v: 1, dropName: true });
  });
});

describe('expandTemplate (Go regexp.Expand)', () => {
  const groups = ['abc', 'a', 'b', undefined];
  const names = ['', 'first', undefined, 'missing'];
  it.each([
    ['$1', 'a'],
    ['${1}', 'a'],
    ['$1x', ''],
    ['${1}x', 'ax'],
    ['$first', 'a'],
    ['${first}', 'a'],
    ['$missing', ''],
    ['$3', ''],
    ['$9', ''],
    ['$0', 'abc'],
    ['$01', ''],
    ['$$1', '$1'],
    ['$', '$'],
    ['${1', '${1'],
    ['a$-b', 'a$-b'],
    ['$2$1', 'ba'],
  ])('%s -> %s', (template, want) => {
    expect(expandTemplate(template, groups, names)).toBe(want);
  });
});

describe('label_join (functions.test)', () => {
  const join = load(300_000, {
    'testmetric{src="a",src1="b",src2="c",dst="original-destination-value"}': '0',
    'testmetric{src="d",src1="e",src2="f",dst="original-destination-value"}': '1',
    'dup{label="a", this="a"}': '1',
    'dup{label="b", this="a"}': '1',
  });

  it.each([
    [
      'label_join(testmetric, "dst", "-", "src", "src1", "src2")',
      { 'testmetric{src="a",src1="b",src2="c",dst="a-b-c"}': 0, 'testmetric{src="d",src1="e",src2="f",dst="d-e-f"}': 1 },
    ],
    [
      'label_join(testmetric, "dst", "-", "src", "src3", "src1")',
      { 'testmetric{src="a",src1="b",src2="c",dst="a--b"}': 0, 'testmetric{src="d",src1="e",src2="f",dst="d--e"}': 1 },
    ],
    [
      'label_join(testmetric, "dst", "", "emptysrc", "emptysrc1", "emptysrc2")',
      { 'testmetric{src="a",src1="b",src2="c"}': 0, 'testmetric{src="d",src1="e",src2="f"}': 1 },
    ],
    // Without source labels the destination is emptied, i.e. removed.
    ['label_join(testmetric, "dst", ", ")', { 'testmetric{src="a",src1="b",src2="c"}': 0, 'testmetric{src="d",src1="e",src2="f"}': 1 }],
  ])('%s', (expr, want) => {
    expectRows(evalAt(expr, join, 0).samples, want);
  });

  it('fails on duplicate results and invalid names', () => {
    expect(() => evalAt('label_join(dup, "label", "", "this")', join, 0)).toThrow('vector cannot contain metrics with the same labelset');
    expect(() => evalAt('label_join(dup, "a", "", "\\xff")', join, 0)).toThrow('invalid source label name in label_join(): \ufffd');
    expect(() => evalAt('label_join(dup, "", "", "this")', join, 0)).toThrow('invalid destination label name in label_join(): ');
  });
});
