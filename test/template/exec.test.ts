import { describe, expect, it } from 'vitest';
import { executeTemplate, type ExecuteOptions } from '../../src/template/exec.js';
import { parseTemplate } from '../../src/template/parse.js';
import {
  ANY,
  BOOL,
  FLOAT64,
  INT,
  STRING,
  box,
  funcType,
  goBool,
  goFloat,
  goInt,
  goMap,
  goPtr,
  goSlice,
  goString,
  goStruct,
  GoError,
  ptrTo,
  sliceOf,
  stringMap,
  structOf,
  type GoFunction,
  type GoValue,
  type Val,
} from '../../src/template/values.js';

const str = (v: Val): string => (v?.kind === 'string' ? v.v : '');
const num = (v: Val): bigint => (v?.kind === 'int' ? v.v : 0n);

const FUNCS: Record<string, GoFunction> = {
  oneArg: { params: [STRING], result: STRING, call: ([a]) => goString(`oneArg=${str(a)}`) },
  twoArgs: { params: [STRING, STRING], result: STRING, call: ([a, b]) => goString(`twoArgs=${str(a)}${str(b)}`) },
  add: { params: [INT, INT], result: INT, call: ([a, b]) => goInt(num(a) + num(b)) },
  echo: { params: [ANY], result: ANY, call: ([a]) => a },
  fail: {
    params: [],
    result: STRING,
    returnsError: true,
    call: () => {
      throw new GoError('it broke');
    },
  },
  makemap: {
    params: [STRING],
    variadic: true,
    result: ANY,
    call: (args) => {
      const entries: [GoValue, GoValue][] = [];
      for (let i = 0; i + 1 < args.length; i += 2) entries.push([goString(str(args[i])), goString(str(args[i + 1]))]);
      return goMap(STRING, STRING, entries);
    },
  },
};

const inner = structOf([{ name: 'V', type: STRING }]);
const T = structOf([
  { name: 'I', type: INT },
  { name: 'F', type: FLOAT64 },
  { name: 'FloatZero', type: FLOAT64 },
  { name: 'S', type: STRING },
  { name: 'True', type: BOOL },
  { name: 'SI', type: sliceOf(INT) },
  { name: 'SIEmpty', type: sliceOf(INT) },
  { name: 'MSI', type: goMap(STRING, INT, []).type },
  { name: 'MSS', type: stringMap({}).type },
  { name: 'MXI', type: goMap(STRING, ANY, []).type },
  { name: 'Empty', type: ANY },
  { name: 'Boxed', type: ANY },
  { name: 'U', type: ptrTo(inner) },
  { name: 'Nil', type: ptrTo(inner) },
  { name: 'Fn', type: funcType([STRING, STRING], false, STRING, false) },
]);

const tVal = goStruct(T, [
  goInt(17),
  goFloat(1.5),
  goFloat(0),
  goString('str'),
  goBool(true),
  goSlice(INT, [goInt(3), goInt(4), goInt(5)]),
  goSlice(INT, []),
  goMap(STRING, INT, [
    [goString('one'), goInt(1)],
    [goString('two'), goInt(2)],
    [goString('three'), goInt(3)],
  ]),
  stringMap({ a: 'x' }),
  goMap(STRING, ANY, [[goString('n'), goInt(1)]]),
  undefined,
  box(goSlice(INT, [goInt(7), goInt(8)])),
  goPtr(goStruct(inner, [goString('v')]), ptrTo(inner)),
  goPtr(null, ptrTo(inner)),
  { kind: 'func', type: funcType([STRING, STRING], false, STRING, false), fn: { params: [STRING, STRING], result: STRING, call: ([a, b]) => goString(`[${str(a)}=${str(b)}]`) } },
]);

function run(text: string, data: unknown = tVal, opts: ExecuteOptions = {}): string {
  const parsed = parseTemplate(text, { name: 'test', funcs: new Set(Object.keys(FUNCS)) });
  if (!parsed.ok) throw new Error(`parse: ${parsed.error.message}`);
  const r = executeTemplate(parsed.tree, data, { funcs: FUNCS, ...opts });
  return r.ok ? r.output : `ERROR: ${r.error.message}`;
}

describe('executeTemplate: output', () => {
  it.each([
    ['plain', 'hello', 'hello'],
    ['fields', '{{.I}} {{.F}} {{.S}} {{.True}} {{.U.V}}', '17 1.5 str true v'],
    ['map keys as fields', '{{.MSI.two}} {{.MSS.a}}', '2 x'],
    ['$ and parens', '{{($).I}} {{($ | echo).S}} {{(makemap "up" "down").up}}', '17 str down'],
    ['literals', '{{1}} {{1.5}} {{1e3}} {{0x10}} {{\'a\'}} {{1.5i}} {{"s"}} {{`raw`}} {{true}}', '17 1.5 1000 16 97 (0+1.5i) s raw true'.replace('17 ', '1 ')],
    ['printf', '{{printf "%04x" 127}} {{printf "%g" 3.5}} {{printf "%g" 1+7i}} {{printf "%T" 0xef}} {{printf "%d %s" 1 "a"}}', '007f 3.5 (1+7i) int 1 a'],
    ['print and println', '{{print 1 2 "a" 3}}|{{print nil}}|{{println 1 2}}', '1 2a3|<nil>|1 2\n'],
    ['slices and maps print like fmt', '{{.SI}} {{.MSI}} {{.SIEmpty}} {{.U}}', '[3 4 5] map[one:1 three:3 two:2] [] {v}'],
    ['pipeline: final argument last', '{{"aaa" | twoArgs "bbb"}} {{3 | add 4}} {{"x" | printf "%s-%s" "y"}}', 'twoArgs=bbbaaa 7 y-x'],
    ['pipeline into printf format', '{{"aaa" | printf}}', 'aaa'],
    ['parenthesised calls', '{{printf "%d %d %d" (1) (2 | add 3) (add 4 (add 5 6))}}', '1 5 15'],
    ['html', '{{html "<script>alert(\\"XSS\\");</script>"}} {{html .MXI.missing}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt; &lt;no value&gt;'],
    ['js', "{{js \"It'd be <nice> & =\"}}", "It\\'d be \\u003Cnice\\u003E \\u0026 \\u003D"],
    ['urlquery', '{{"http://www.example.org/"|urlquery}} {{urlquery "a b" 1}}', 'http%3A%2F%2Fwww.example.org%2F a+b1'],
    ['not/and/or', '{{not true}} {{not 0}} {{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}} {{or 0 0}} {{or 1 0}} {{or 0 true}}', 'false true false 0 0 1 0 1 true'],
    ['and/or short-circuit', '{{and false fail}} {{or true fail}} {{or .SIEmpty "empty"}}', 'false true empty'],
    ['comparisons', '{{eq 1 1}} {{eq 1 2 3 1}} {{eq "a" "b"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}} {{eq .Empty nil}} {{eq .I 17}}', 'true true false true true true true false true true'],
    ['index', '{{index .SI 1}} {{index .MSI "two"}} {{index .MSI "nope"}} {{index "abc" 1}} {{index .MSS "nope"}}|', '4 2 0 98 |'],
    ['slice', '{{slice .SI 1}} {{slice .SI 1 2}} {{slice "abcde" 1 3}} {{slice .SI}}', '[4 5] [4] bc [3 4 5]'],
    ['len', '{{len .SI}} {{len .MSI}} {{len "héllo"}}', '3 3 6'],
    ['call', '{{call .Fn "1" "2"}}', '[1=2]'],
  ])('%s', (_, text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('treats empty values as false in if and with', () => {
    expect(run('{{if 1}}A{{end}}{{if 0}}B{{else}}b{{end}}{{if 1.5}}C{{end}}{{if .FloatZero}}D{{else}}d{{end}}{{if ``}}E{{else}}e{{end}}')).toBe('AbCde');
    expect(run('{{if .SIEmpty}}F{{else}}f{{end}}{{if .SI}}G{{end}}{{if .MXI.none}}H{{else}}h{{end}}{{if .Empty}}I{{else}}i{{end}}{{if .Nil}}J{{else}}j{{end}}')).toBe('fGhij');
    expect(run('{{if false}}1{{else if false}}2{{else if true}}3{{end}}')).toBe('3');
    expect(run('{{with .SI}}{{.}}{{end}} {{with 0}}x{{else}}zero{{end}} {{with $x := .I}}{{$x}}{{end}} {{with .Boxed}}{{index . 0}}{{end}}')).toBe('[3 4 5] zero 17 7');
    expect(run('{{with .SIEmpty}}x{{else with .SI}}{{len .}}{{end}}')).toBe('3');
  });

  it('ranges over slices, maps (sorted), ints and interfaces', () => {
    expect(run('{{range .SI}}-{{.}}-{{end}}')).toBe('-3--4--5-');
    expect(run('{{range .SIEmpty}}x{{else}}EMPTY{{end}}')).toBe('EMPTY');
    expect(run('{{range $k, $v := .MSI}}{{$k}}={{$v}};{{end}}')).toBe('one=1;three=3;two=2;');
    expect(run('{{range $x := .MSI}}<{{$x}}>{{end}}')).toBe('<1><3><2>');
    expect(run('{{range $i, $x := .SI}}<{{$i}}={{$x}}>{{end}}')).toBe('<0=3><1=4><2=5>');
    expect(run('{{range .Boxed}}-{{.}}-{{end}}{{range .Empty}}x{{end}}')).toBe('-7--8-');
    expect(run('{{range 3}}{{.}}{{end}}|{{range 0}}x{{else}}none{{end}}')).toBe('012|none');
    expect(run('{{range $i, $e := .SI}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 2}}{{break}}{{end}}{{$e}}{{end}}')).toBe('3');
    expect(run('{{$i := 0}}{{range $i = .SI}}{{end}}{{$i}}')).toBe('5');
  });

  it('scopes variables to their control structure', () => {
    expect(run('{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}')).toBe('21');
    expect(run('{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}')).toBe('2');
    expect(run('{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}')).toBe('17,true');
    expect(run('{{range .SI}}{{$.I}}{{end}}')).toBe('171717');
  });

  it('runs define, template and block', () => {
    expect(run('{{define "x"}}[{{.}}]{{end}}{{template "x" .I}}{{template "x"}}')).toBe('[17][<no value>]');
    expect(run('{{block "b" .S}}<{{.}}>{{end}}')).toBe('<str>');
    expect(run('{{define "t"}}{{$}}{{end}}{{$x := 5}}{{template "t" $x}}')).toBe('5');
  });

  it('gives missing map keys per missingkey', () => {
    expect(run('{{.MSS.nope}}|{{.MXI.nope}}|{{.MSI.nope}}')).toBe('<no value>|<no value>|<no value>');
    expect(run('{{.MSS.nope}}|{{.MXI.nope}}|{{.MSI.nope}}', tVal, { missingKey: 'zero' })).toBe('|<no value>|0');
    expect(run('{{.MSS.nope}}', tVal, { missingKey: 'error' })).toBe('ERROR: template: test:1:6: executing "test" at <.MSS.nope>: map has no entry for key "nope"');
    expect(run('{{.Foo}}', null)).toBe('<no value>');
    expect(run('{{.Foo}}', null, { missingKey: 'error' })).toBe('ERROR: template: test:1:2: executing "test" at <.Foo>: nil data; no entry for key "Foo"');
  });

  it('converts plain JS data', () => {
    expect(run('{{.a}} {{.b.c}} {{index .list 1}} {{.n}}', { a: 'x', b: { c: 2 }, list: [1, 'two'], n: null })).toBe('x 2 two <no value>');
    expect(run('{{.When.Year}} {{.When.Format "2006-01-02T15:04:05Z07:00"}}', { When: new Date(Date.UTC(2024, 1, 29, 13, 5, 9)) })).toBe('2024 2024-02-29T13:05:09Z');
  });
});

describe('executeTemplate: errors in Go wording', () => {
  it.each([
    ['{{3 2}}', 'template: test:1:2: executing "test" at <3>: can\'t give argument to non-function 3'],
    ['{{$x := 1}}{{3 | $x}}', 'template: test:1:17: executing "test" at <$x>: can\'t give argument to non-function $x'],
    ['{{3|oneArg}}', 'template: test:1:4: executing "test" at <oneArg>: wrong type for value; expected string; got int'],
    ['{{1|printf}}', 'template: test:1:4: executing "test" at <printf>: wrong type for value; expected string; got int'],
    ['{{oneArg 3}}', 'template: test:1:9: executing "test" at <3>: expected string; found 3'],
    ['{{oneArg}}', 'template: test:1:2: executing "test" at <oneArg>: wrong number of args for oneArg: want 1 got 0'],
    ['{{twoArgs "a" "b" "c"}}', 'template: test:1:2: executing "test" at <twoArgs>: wrong number of args for twoArgs: want 2 got 3'],
    ['{{fail}}', 'template: test:1:2: executing "test" at <fail>: error calling fail: it broke'],
    ['{{index .SI 10}}', 'template: test:1:2: executing "test" at <index .SI 10>: error calling index: index out of range: 10'],
    ['{{index .SI "x"}}', 'template: test:1:2: executing "test" at <index .SI "x">: error calling index: cannot index slice/array with type string'],
    ['{{index .MSI 1}}', 'template: test:1:2: executing "test" at <index .MSI 1>: error calling index: value has type int; should be string'],
    ['{{index nil 1}}', 'template: test:1:2: executing "test" at <index nil 1>: error calling index: index of untyped nil'],
    ['{{len 3}}', 'template: test:1:2: executing "test" at <len 3>: error calling len: len of type int'],
    ['{{eq .SI .SI}}', 'template: test:1:2: executing "test" at <eq .SI .SI>: error calling eq: non-comparable type [3 4 5]: []int'],
    ['{{lt 1 "a"}}', 'template: test:1:2: executing "test" at <lt 1 "a">: error calling lt: incompatible types for comparison: int and string'],
    ['{{lt true false}}', 'template: test:1:2: executing "test" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{eq 1}}', 'template: test:1:2: executing "test" at <eq 1>: error calling eq: missing argument for comparison'],
    ['{{.I.X}}', 'template: test:1:4: executing "test" at <.I.X>: can\'t evaluate field X in type int'],
    ['{{.Nope}}', 'template: test:1:2: executing "test" at <.Nope>: can\'t evaluate field Nope in type struct { I int; F float64; FloatZero float64; S string; True bool; SI []int; SIEmpty []int; MSI map[string]int; MSS map[string]string; MXI map[string]interface {}; Empty interface {}; Boxed interface {}; U *struct { V string }; Nil *struct { V string }; Fn func(string, string) string }'],
    ['{{.Nil.V}}', 'template: test:1:6: executing "test" at <.Nil.V>: nil pointer evaluating *struct { V string }.V'],
    ['{{.Empty.X}}', 'template: test:1:8: executing "test" at <.Empty.X>: nil pointer evaluating interface {}.X'],
    ['{{.MSS.a 1}}', 'template: test:1:6: executing "test" at <.MSS.a>: a is not a method but has arguments'],
    ['{{.I 1}}', 'template: test:1:2: executing "test" at <.I>: I has arguments but cannot be invoked as function'],
    ['{{(nil).True}}', 'template: test:1:3: executing "test" at <nil>: nil is not a command'],
    ['{{$x := (1.0)}}{{$x.anything}}', 'template: test:1:19: executing "test" at <$x.anything>: can\'t evaluate field anything in type float64'],
    ['{{range 1.5}}{{end}}', 'template: test:1:8: executing "test" at <1.5>: range can\'t iterate over 1.5'],
    ['{{range $i, $e := 3}}{{end}}', 'template: test:1:18: executing "test" at <3>: can\'t use 3 to iterate over more than one variable'],
    ['{{template "nope"}}', 'template: test:1:11: executing "test" at <{{template "nope"}}>: template "nope" not defined'],
    ['{{call .Fn "1"}}', 'template: test:1:2: executing "test" at <call .Fn "1">: error calling call: wrong number of args for .Fn: got 1 want 2'],
    ['{{call .S}}', 'template: test:1:2: executing "test" at <call .S>: error calling call: non-function .S of type string'],
    ['{{call nil}}', 'template: test:1:2: executing "test" at <call nil>: error calling call: call of nil'],
    ['{{slice .SI 2 1}}', 'template: test:1:2: executing "test" at <slice .SI 2 1>: error calling slice: invalid slice index: 2 > 1'],
    ['{{echo}}', 'template: test:1:2: executing "test" at <echo>: wrong number of args for echo: want 1 got 0'],
    ['a\n  {{ .S }}\n{{ .I.Y }}', 'template: test:3:5: executing "test" at <.I.Y>: can\'t evaluate field Y in type int'],
    ['{{define "d"}}{{.X}}{{end}}{{template "d" 1}}', 'template: test:1:16: executing "d" at <.X>: can\'t evaluate field X in type int'],
    ['{{ printf "%s" "é" | oneArg }}{{ 1 2 }}', 'template: test:1:34: executing "test" at <1>: can\'t give argument to non-function 1'],
  ])('%s', (text, message) => {
    expect(run(text)).toBe(`ERROR: ${message}`);
  });

  it('locates the blamed node in the source', () => {
    const parsed = parseTemplate('ok\n  {{ .I.Y }}', { name: 'test', funcs: new Set() });
    if (!parsed.ok) throw new Error('parse');
    const r = executeTemplate(parsed.tree, tVal);
    expect(r).toMatchObject({ ok: false, output: 'ok\n  ', error: { line: 2, column: 8, offset: 10, reason: "can't evaluate field Y in type int" } });
  });

  it('stops runaway recursion and oversized output', () => {
    expect(run('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}')).toMatch(
      /^ERROR: template: test:1:25: executing "r" at <\{\{template "r" \.\}\}>: exceeded maximum template depth \(100000\)$/,
    );
    expect(run('{{range .SI}}0123456789{{end}}', tVal, { maxOutput: 25 })).toBe(
      'ERROR: template: test:1:13: executing "test" at <0123456789>: template output exceeds 25 characters',
    );
  });

  it('reports an unknown template name', () => {
    const parsed = parseTemplate('x', { name: 'test', funcs: new Set() });
    if (!parsed.ok) throw new Error('parse');
    const r = executeTemplate(parsed.tree, undefined, { name: 'other' });
    expect(!r.ok && r.error.message).toBe('template: no template "other" associated with template "test"');
  });
});
