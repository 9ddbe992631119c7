import { describe, expect, it } from 'vitest';
import type { AnyNode, NumberNode, TemplateTree } from '../../src/template/ast.js';
import { formatNode, parseTemplate, type TemplateParseOptions } from '../../src/template/parse.js';

const FUNCS: ReadonlySet<string> = new Set(['humanize', 'query', 'f', 'g']);

function parse(text: string, options: Partial<TemplateParseOptions> = {}): TemplateTree {
  const result = parseTemplate(text, { funcs: FUNCS, name: 't', ...options });
  if (!result.ok) throw new Error(`unexpected parse error: ${JSON.stringify(result.error)}`);
  return result.tree;
}

function errorOf(text: string, options: Partial<TemplateParseOptions> = {}): string | undefined {
  const result = parseTemplate(text, { funcs: FUNCS, name: 't', ...options });
  return result.ok ? undefined : result.error.message;
}

/** Node kinds and positions in the notation of a Go program that dumped text/template trees. */
function dump(n: AnyNode): string {
  switch (n.type) {
    case 'list':
      return `list@${n.pos}[${n.nodes.map(dump).join(' ')}]`;
    case 'text':
      return `text@${n.pos}${JSON.stringify(n.text)}`;
    case 'comment':
      return `comment@${n.pos}`;
    case 'action':
      return `action@${n.pos}(${dump(n.pipe)})`;
    case 'if':
    case 'range':
    case 'with':
      return `${n.type}@${n.pos}(${dump(n.pipe)} ${dump(n.list)}${n.elseList ? ` else ${dump(n.elseList)}` : ''})`;
    case 'template':
      return `template@${n.pos}${JSON.stringify(n.name)}(${n.pipe ? dump(n.pipe) : ''})`;
    case 'break':
    case 'continue':
      return `${n.type}@${n.pos}`;
    case 'pipe':
      return `pipe@${n.pos}{assign=${n.isAssign} decl=[${n.decl.map(dump).join(' ')}] cmds=[${n.cmds.map(dump).join(' ')}]}`;
    case 'command':
      return `cmd@${n.pos}(${n.args.map(dump).join(' ')})`;
    case 'identifier':
      return `ident@${n.pos}:${n.name}`;
    case 'variable':
      return `var@${n.pos}:${n.ident.join('.')}`;
    case 'field':
      return `field@${n.pos}:${n.ident.join('.')}`;
    case 'chain':
      return `chain@${n.pos}(${dump(n.node)}).${n.fields.join('.')}`;
    case 'dot':
      return `dot@${n.pos}`;
    case 'nil':
      return `nil@${n.pos}`;
    case 'bool':
      return `bool@${n.pos}:${n.value}`;
    case 'number':
      return `num@${n.pos}:${n.text}`;
    case 'string':
      return `str@${n.pos}:${JSON.stringify(n.text)}`;
  }
}

describe('parseTemplate: tree shape', () => {
  it('matches the tree and positions Go builds (golden from Go text/template)', () => {
    const tree = parse('{{if .x}}a{{else if $.y.z}}b{{end}}{{define "q"}}x{{end}}{{ 1.5 }}{{ (.a).b }}');
    expect(dump(tree.root)).toBe(
      'list@0[if@5(pipe@5{assign=false decl=[] cmds=[cmd@5(field@5:x)]} list@9[text@9"a"] else list@17[' +
        'if@20(pipe@20{assign=false decl=[] cmds=[cmd@20(var@21:$.y.z)]} list@27[text@27"b"])]) ' +
        'action@60(pipe@60{assign=false decl=[] cmds=[cmd@60(num@60:1.5)]}) ' +
        'action@69(pipe@69{assign=false decl=[] cmds=[cmd@69(chain@73(pipe@70{assign=false decl=[] cmds=[cmd@70(field@70:a)]}).b)]})]',
    );
    expect([...tree.templates.keys()].sort()).toEqual(['q', 't']);
    expect(dump(tree.templates.get('q')?.root ?? tree.root)).toBe('list@49[text@49"x"]');
  });

  it('parses text, actions and pipelines', () => {
    const tree = parse('Hello {{ .Name | printf "%q" }}!');
    expect(tree.root.nodes.map((n) => n.type)).toEqual(['text', 'action', 'text']);
    const action = tree.root.nodes[1];
    expect(action).toMatchObject({
      type: 'action',
      pipe: {
        isAssign: false,
        decl: [],
        cmds: [
          { type: 'command', args: [{ type: 'field', ident: ['Name'] }] },
          { type: 'command', args: [{ type: 'identifier', name: 'printf' }, { type: 'string', quoted: '"%q"', text: '%q' }] },
        ],
      },
    });
    expect(formatNode(tree.root)).toBe('Hello {{.Name | printf "%q"}}!');
  });

  it('represents field chains, $ chains and chains on other terms', () => {
    expect(parse('{{ .a.b.c }}').root.nodes[0]).toMatchObject({ pipe: { cmds: [{ args: [{ type: 'field', ident: ['a', 'b', 'c'] }] }] } });
    expect(parse('{{ $.labels.service }}').root.nodes[0]).toMatchObject({
      pipe: { cmds: [{ args: [{ type: 'variable', ident: ['$', 'labels', 'service'] }] }] },
    });
    expect(parse('{{ (query "up").Labels.job }}').root.nodes[0]).toMatchObject({
      pipe: { cmds: [{ args: [{ type: 'chain', fields: ['Labels', 'job'], node: { type: 'pipe' } }] }] },
    });
    expect(formatNode(parse('{{ (query "up").Labels.job }}').root)).toBe('{{(query "up").Labels.job}}');
  });

  it('parses declarations and assignments', () => {
    const tree = parse('{{ $x := 1 }}{{ $x = 2 }}{{ $x }}');
    expect(tree.root.nodes[0]).toMatchObject({ pipe: { isAssign: false, decl: [{ ident: ['$x'] }] } });
    expect(tree.root.nodes[1]).toMatchObject({ pipe: { isAssign: true, decl: [{ ident: ['$x'] }] } });
    expect(formatNode(tree.root)).toBe('{{$x := 1}}{{$x = 2}}{{$x}}');
  });

  it('parses range with two variables, else, break and continue', () => {
    const tree = parse('{{range $i, $v := .}}{{if $i}}{{break}}{{end}}{{continue}}{{else}}none{{end}}');
    const range = tree.root.nodes[0];
    expect(range).toMatchObject({
      type: 'range',
      pipe: { decl: [{ ident: ['$i'] }, { ident: ['$v'] }], cmds: [{ args: [{ type: 'dot' }] }] },
      list: { nodes: [{ type: 'if', list: { nodes: [{ type: 'break' }] } }, { type: 'continue' }] },
      elseList: { nodes: [{ type: 'text', text: 'none' }] },
    });
  });

  it('nests else-if and else-with chains inside the else branch', () => {
    expect(formatNode(parse('{{if .a}}A{{else if .b}}B{{else if .c}}C{{else}}D{{end}}').root)).toBe(
      '{{if .a}}A{{else}}{{if .b}}B{{else}}{{if .c}}C{{else}}D{{end}}{{end}}{{end}}',
    );
    expect(formatNode(parse('{{with .a}}A{{else with .b}}B{{end}}').root)).toBe('{{with .a}}A{{else}}{{with .b}}B{{end}}{{end}}');
  });

  it('parses deeply nested control structures', () => {
    const text = '{{range .}}{{with .x}}{{if eq . 1}}{{range $k, $v := $}}{{$k}}{{end}}{{end}}{{end}}{{end}}';
    expect(formatNode(parse(text).root)).toBe(text);
  });

  it('registers define and block bodies and turns block into a template call', () => {
    const tree = parse('{{define "a"}}A{{end}}{{block "b" .}}B{{end}}{{template "a"}}{{template "b" .x}}');
    expect(formatNode(tree.root)).toBe('{{template "b" .}}{{template "a"}}{{template "b" .x}}');
    expect(formatNode(tree.templates.get('a')?.root ?? tree.root)).toBe('A');
    expect(formatNode(tree.templates.get('b')?.root ?? tree.root)).toBe('B');
  });

  it('lets a non-empty definition replace an empty one, and rejects two non-empty ones', () => {
    expect(formatNode(parse('{{define "a"}} {{end}}{{define "a"}}x{{end}}').templates.get('a')?.root ?? { type: 'list', pos: 0, nodes: [] })).toBe('x');
    expect(formatNode(parse('{{define "a"}}x{{end}}{{define "a"}} {{end}}').templates.get('a')?.root ?? { type: 'list', pos: 0, nodes: [] })).toBe('x');
    expect(errorOf('{{define "a"}}x{{end}}{{define "a"}}y{{end}}')).toBe('template: multiple definition of template "a"');
  });

  it('applies trim markers to the surrounding text', () => {
    const tree = parse('a  {{- .x -}}\n\n  b {{- /* gone */ -}} c');
    expect(tree.root.nodes.map((n) => (n.type === 'text' ? n.text : n.type))).toEqual(['a', 'action', 'b', 'c']);
  });

  it('keeps comments only when asked', () => {
    expect(parse('a{{/* c */}}b').root.nodes.map((n) => n.type)).toEqual(['text', 'text']);
    expect(parse('a{{/* c */}}b', { parseComments: true }).root.nodes[1]).toEqual({ type: 'comment', pos: 3, text: '/* c */' });
  });

  it('converts literals the way Go does', () => {
    const num = (text: string): NumberNode => {
      const n = parse(`{{ ${text} }}`).root.nodes[0];
      if (n?.type !== 'action' || n.pipe.cmds[0]?.args[0]?.type !== 'number') throw new Error('not a number');
      return n.pipe.cmds[0].args[0];
    };
    expect(num('42')).toMatchObject({ isInt: true, int64: 42n, isUint: true, uint64: 42n, isFloat: true, float64: 42, isComplex: false });
    expect(num('-7')).toMatchObject({ isInt: true, int64: -7n, isUint: false, isFloat: true, float64: -7 });
    expect(num('0x1F')).toMatchObject({ int64: 31n });
    expect(num('0o17')).toMatchObject({ int64: 15n });
    expect(num('017')).toMatchObject({ int64: 15n });
    expect(num('0b101')).toMatchObject({ int64: 5n });
    expect(num('1_000')).toMatchObject({ int64: 1000n });
    expect(num('2.5')).toMatchObject({ isInt: false, isFloat: true, float64: 2.5 });
    expect(num('1e3')).toMatchObject({ isInt: true, int64: 1000n, isFloat: true });
    expect(num('0x1p-2')).toMatchObject({ isFloat: true, float64: 0.25 });
    expect(num('18446744073709551615')).toMatchObject({ isInt: false, isUint: true, uint64: 18446744073709551615n });
    expect(num('-9223372036854775808')).toMatchObject({ isInt: true, int64: -9223372036854775808n });
    expect(num("'a'")).toMatchObject({ isInt: true, int64: 97n, float64: 97 });
    expect(num("'\\n'")).toMatchObject({ int64: 10n });
    expect(num("'é'")).toMatchObject({ int64: 233n });
    expect(num('2i')).toMatchObject({ isComplex: true, isFloat: false, complex: { re: 0, im: 2 } });
    expect(num('1+2i')).toMatchObject({ isComplex: true, complex: { re: 1, im: 2 } });
    expect(num('3+0i')).toMatchObject({ isComplex: true, isFloat: true, float64: 3, isInt: true, int64: 3n });
  });

  it('unquotes strings with Go escapes and raw strings verbatim', () => {
    const str = (literal: string): string => {
      const n = parse(`{{ ${literal} }}`).root.nodes[0];
      if (n?.type !== 'action' || n.pipe.cmds[0]?.args[0]?.type !== 'string') throw new Error('not a string');
      return n.pipe.cmds[0].args[0].text;
    };
    expect(str('"a\\tb\\n\\"c\\"\\\\"')).toBe('a\tb\n"c"\\');
    expect(str('"\\x41\\101\\u00e9\\U0001F600"')).toBe('AAé😀');
    expect(str('"\\xe2\\x82\\xac"')).toBe('€');
    expect(str('`a\\n\r\nb`')).toBe('a\\n\nb');
  });

  it('treats break/continue as functions when funcs define them', () => {
    const tree = parse('{{ break }}', { funcs: new Set(['break']) });
    expect(tree.root.nodes[0]).toMatchObject({ pipe: { cmds: [{ args: [{ type: 'identifier', name: 'break' }] }] } });
  });

  it('supports custom delimiters', () => {
    expect(formatNode(parse('[[ if .x ]]{{ y }}[[ end ]]', { leftDelim: '[[', rightDelim: ']]' }).root)).toBe('{{if .x}}{{ y }}{{end}}');
  });

  it('knows Go builtins without them being passed in', () => {
    for (const fn of ['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'urlquery', 'html', 'js', 'call', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']) {
      expect(errorOf(`{{ ${fn} }}`, { funcs: new Set() })).toBeUndefined();
    }
  });

  it('accepts unknown functions in skipFuncCheck mode', () => {
    expect(errorOf('{{ nosuch 1 }}', { skipFuncCheck: true })).toBeUndefined();
  });
});

describe('parseTemplate: variable scoping', () => {
  it('always defines $', () => {
    expect(errorOf('{{ $ }}{{ $.x }}{{ range . }}{{ $.y }}{{ end }}{{ define "d" }}{{ $ }}{{ end }}')).toBeUndefined();
  });

  it('scopes a range variable to the range', () => {
    expect(errorOf('{{ range $i, $v := . }}{{ $i }}{{ $v }}{{ end }}')).toBeUndefined();
    expect(errorOf('{{ range $i, $v := . }}{{ end }}{{ $v }}')).toBe('undefined variable "$v"');
  });

  it('makes pipeline variables of if/with visible in the else branch but not after end', () => {
    expect(errorOf('{{ if $x := .a }}{{ $x }}{{ else }}{{ $x }}{{ end }}')).toBeUndefined();
    expect(errorOf('{{ with $x := .a }}{{ end }}{{ $x }}')).toBe('undefined variable "$x"');
  });

  it('keeps a variable declared in a body until the enclosing end (as Go does, even into else)', () => {
    expect(errorOf('{{ if 1 }}{{ $y := 2 }}{{ else }}{{ $y }}{{ end }}')).toBeUndefined();
    expect(errorOf('{{ if 1 }}{{ $y := 2 }}{{ end }}{{ $y }}')).toBe('undefined variable "$y"');
  });

  it('makes a declaration visible from the next action on, to the end of the template', () => {
    expect(errorOf('{{ $x }}{{ $x := 1 }}')).toBe('undefined variable "$x"');
    expect(errorOf('{{ $x := 1 }}text{{ range . }}{{ $x }}{{ end }}{{ $x }}')).toBeUndefined();
  });

  it('does not let {{define}} bodies see outer variables', () => {
    expect(errorOf('{{ $x := 1 }}{{ define "d" }}{{ $x }}{{ end }}')).toBe('undefined variable "$x"');
  });

  it('accepts predeclared variables in the top-level template only', () => {
    expect(errorOf('{{ $labels.job }}', { variables: ['$labels'] })).toBeUndefined();
    expect(errorOf('{{ define "d" }}{{ $labels }}{{ end }}', { variables: ['$labels'] })).toBe('undefined variable "$labels"');
  });

  it('treats assignment like Go: the parser does not require a prior declaration', () => {
    expect(errorOf('{{ $z = 1 }}{{ $z }}')).toBeUndefined();
  });
});
