import { describe, expect, it } from 'vitest';
import { formatTemplateError, parseTemplate } from '../../src/template/parse.js';

// [template, message, line, column]. Messages and lines were checked against
// Go's text/template (the "unexpected right paren" row uses the wording of
// Go >= 1.20; Go 1.19 reported `unexpected ")" in command`). Columns are
// 1-based and point at the offending token when it is on the line Go reports
// (Go itself reports the token its look-ahead had reached), so
// "{{ $x }}" points at "$x", not at "}}".
const ERRORS: ReadonlyArray<readonly [string, string, number, number]> = [
  ['{{ .x', 'unclosed action', 1, 6],
  ['{{ .x }', 'unexpected "}" in operand', 1, 7],
  ['{{ $labels.foo }', 'undefined variable "$labels"', 1, 4],
  ['{{if .x}}a', 'unexpected EOF', 1, 11],
  ['{{if}}{{end}}', 'missing value for if', 1, 5],
  ['{{range}}{{end}}', 'missing value for range', 1, 8],
  ['{{with}}{{end}}', 'missing value for with', 1, 7],
  ['{{}}', 'missing value for command', 1, 3],
  ['{{end}}', 'unexpected {{end}}', 1, 3],
  ['{{else}}', 'unexpected {{else}}', 1, 3],
  ['a\nb\n{{ $x }}', 'undefined variable "$x"', 3, 4],
  ['a\nb\n{{ foo }}', 'function "foo" not defined', 3, 4],
  ['x\n{{ "abc }}', 'unterminated quoted string', 2, 4],
  ["{{ 'a }}", 'unterminated character constant', 1, 4],
  ['{{ `abc }}', 'unterminated raw quoted string', 1, 4],
  ['{{/* x', 'unclosed comment', 1, 3],
  ['{{/* x */ y }}', 'comment ends before closing delimiter', 1, 3],
  ['{{ (1 }}', 'unclosed left paren', 1, 7],
  ['{{ ) }}', 'unexpected right paren', 1, 4],
  ['{{ € }}', "unrecognized character in action: U+20AC '€'", 1, 4],
  ['{{ \u0007 }}', 'unrecognized character in action: U+0007', 1, 4],
  ['{{ .a€ }}', "bad character U+20AC '€'", 1, 4],
  ['{{ 1a }}', 'bad number syntax: "1a"', 1, 4],
  ['{{ 089 }}', 'integer overflow: "089"', 1, 4],
  ['{{ 99999999999999999999 }}', 'integer overflow: "99999999999999999999"', 1, 4],
  ["{{ 'ab' }}", "malformed character constant: 'ab'", 1, 4],
  ['{{ "\\q" }}', 'invalid syntax', 1, 4],
  ['{{ 1+i }}', 'syntax error scanning complex number', 1, 4],
  ['{{ 0x10+1i }}', 'strconv.ParseFloat: parsing "0x10": invalid syntax', 1, 4],
  ['{{ 0x10i }}', 'illegal number syntax: "0x10i"', 1, 4],
  ['{{ .x -}', 'illegal number syntax: "-"', 1, 7],
  ['{{ nil.x }}', 'unexpected . after term "nil"', 1, 4],
  ['{{ "s".x }}', 'unexpected . after term "\\"s\\""', 1, 4],
  ['{{ ..x }}', 'unexpected . after term "."', 1, 4],
  ['{{ 1 | 2 }}', 'non executable command in pipeline stage 2', 1, 8],
  ['{{ 1 2 | 3 }}', 'non executable command in pipeline stage 2', 1, 10],
  ['{{ 1 | | 2 }}', 'unexpected "|" in command', 1, 8],
  ['{{ (1)(2) }}', 'unexpected "(" in operand', 1, 7],
  ['{{ .x = 1 }}', 'unexpected "=" in operand', 1, 7],
  ['{{ $x := }}', 'missing value for command', 1, 10],
  ['{{ $x, $y := 1 }}', 'too many declarations in command', 1, 6],
  ['{{range $a, 1}}{{end}}', 'range can only initialize variables', 1, 13],
  ['{{range $a, $b, $c := .}}{{end}}', 'too many declarations in range', 1, 15],
  ['{{break}}', '{{break}} outside {{range}}', 1, 3],
  ['{{range .}}{{else}}{{continue}}{{end}}', '{{continue}} outside {{range}}', 1, 22],
  ['{{range .}}{{break 1}}{{end}}', 'unexpected "1" in {{break}}', 1, 20],
  ['{{if 1}}{{else}}{{else}}{{end}}', 'expected end; found {{else}}', 1, 19],
  ['{{define "a"}}{{else}}{{end}}', 'unexpected {{else}} in define clause', 1, 17],
  ['{{define x}}{{end}}', 'unexpected "x" in define clause', 1, 10],
  ['{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: multiple definition of template "a"', 1, 32],
  ['{{template x}}', 'unexpected "x" in template clause', 1, 12],
  ['{{block "b"}}{{end}}', 'missing value for block clause', 1, 12],
  ['{{block "b" .}}{{else}}{{end}}', 'unexpected {{else}} in block clause', 1, 18],
  ['{{ end 1 }}', 'unexpected "1" in end', 1, 8],
  ['{{ if 1 }}{{ else 1 }}{{ end }}', 'unexpected "1" in else', 1, 19],
  ['{{ if $x := 1 }}{{ end }}{{ $x }}', 'undefined variable "$x"', 1, 29],
  ['{{- .x }}\n\n{{ else }}', 'unexpected {{else}}', 3, 4],
  ['{{ define "a" }}{{ if 1 }}\n', 'unexpected EOF', 2, 1],
  // Lexer errors far from their action's start name the line where it began.
  ['{{ .x .y\n', 'unclosed action started at t:1', 2, 1],
  ['{{ if .x }}\n{{ .y\n\n', 'unclosed action started at t:2', 4, 1],
  ['{{ .x\n "abc\n', 'unterminated quoted string in action started at t:1', 2, 2],
  ['{{if 1}}\n{{/* x', 'unclosed comment in action started at t:1', 2, 3],
  ['{{ if .x }}\n  {{ "a\n', 'unterminated quoted string', 2, 6],
  // Go reports the line of the look-ahead token, here the "}}" on line 2.
  ['{{ $x\n}}', 'undefined variable "$x"', 2, 1],
];

describe('parse errors', () => {
  it.each(ERRORS)('%j -> %s (%i:%i)', (text, message, line, column) => {
    const result = parseTemplate(text, { funcs: new Set(), name: 't' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ message, line, column });
    // offset and line/column describe the same place.
    const before = text.slice(0, result.error.offset);
    expect(before.split('\n').length).toBe(line);
    expect(result.error.offset - (before.lastIndexOf('\n') + 1) + 1).toBe(column);
  });

  it('formats errors like Go', () => {
    const result = parseTemplate('a\n{{ $label.x }}', { funcs: new Set(), name: '__alert_X' });
    expect(result.ok ? '' : formatTemplateError(result.error, '__alert_X')).toBe('template: __alert_X:2: undefined variable "$label"');
  });

  it('rejects absurd parenthesis nesting instead of overflowing the stack', () => {
    const deep = `{{ ${'('.repeat(1500)}1${')'.repeat(1500)} }}`;
    const result = parseTemplate(deep, { funcs: new Set() });
    expect(result.ok ? '' : result.error.message).toBe('max expression depth exceeded');
  });

  it('survives deep nesting of control structures', () => {
    const text = `${'{{if 1}}'.repeat(300)}x${'{{end}}'.repeat(300)}`;
    expect(parseTemplate(text, { funcs: new Set() }).ok).toBe(true);
  });
});
