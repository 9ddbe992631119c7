import { describe, expect, it } from 'vitest';
import { describeToken, lexTemplate, type LexOptions } from '../../src/template/lex.js';

/** kind:value pairs, the compact form used throughout these tests. */
function kinds(text: string, options?: LexOptions): string[] {
  return lexTemplate(text, options).map((t) => `${t.kind}:${t.value}`);
}

describe('lexTemplate', () => {
  it('splits text and actions', () => {
    expect(kinds('a {{ .b }} c')).toEqual(['text:a ', 'leftDelim:{{', 'space: ', 'field:.b', 'space: ', 'rightDelim:}}', 'text: c', 'eof:']);
  });

  it('records offsets of every token', () => {
    const tokens = lexTemplate('ab{{$x}}');
    expect(tokens.map((t) => t.pos)).toEqual([0, 2, 4, 6, 8]);
  });

  it('recognises keywords, booleans, nil, dot and identifiers', () => {
    expect(kinds('{{if else end range with define template block break continue nil true false . foo}}').filter((k) => !k.startsWith('space'))).toEqual([
      'leftDelim:{{',
      'if:if',
      'else:else',
      'end:end',
      'range:range',
      'with:with',
      'define:define',
      'template:template',
      'block:block',
      'break:break',
      'continue:continue',
      'nil:nil',
      'bool:true',
      'bool:false',
      'dot:.',
      'identifier:foo',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('turns break/continue into identifiers when a function shadows them', () => {
    expect(kinds('{{break}}', { breakOK: false })).toContain('identifier:break');
    expect(kinds('{{continue}}', { continueOK: false })).toContain('identifier:continue');
  });

  it('splits field chains and variables', () => {
    expect(kinds('{{$x.a.b $ .c}}')).toEqual([
      'leftDelim:{{',
      'variable:$x',
      'field:.a',
      'field:.b',
      'space: ',
      'variable:$',
      'space: ',
      'field:.c',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('lexes declarations, assignments, pipes, parens and commas', () => {
    expect(kinds('{{$i, $v := (f) | g}}{{$x = 1}}').filter((k) => !k.startsWith('space'))).toEqual([
      'leftDelim:{{',
      'variable:$i',
      'char:,',
      'variable:$v',
      'declare::=',
      'leftParen:(',
      'identifier:f',
      'rightParen:)',
      'pipe:|',
      'identifier:g',
      'rightDelim:}}',
      'leftDelim:{{',
      'variable:$x',
      'assign:=',
      'number:1',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('lexes string, raw string, char and number literals', () => {
    expect(kinds('{{"a\\"b" `r\nx` \'c\' 1 -2.5e3 0x1F 0o17 0b101 1_000 .5 1i 1+2i 0x1p-2}}').filter((k) => !k.startsWith('space'))).toEqual([
      'leftDelim:{{',
      'string:"a\\"b"',
      'rawString:`r\nx`',
      "charConstant:'c'",
      'number:1',
      'number:-2.5e3',
      'number:0x1F',
      'number:0o17',
      'number:0b101',
      'number:1_000',
      'number:.5',
      'number:1i',
      'complex:1+2i',
      'number:0x1p-2',
      'rightDelim:}}',
      'eof:',
    ]);
  });

  it('trims whitespace around trim markers, including newlines', () => {
    expect(kinds('a \n\t{{- 1 -}} \n b')).toEqual(['text:a', 'leftDelim:{{', 'number:1', 'rightDelim:}}', 'text:b', 'eof:']);
    // Without the space "{{-3}}" is the number -3, not a trim marker.
    expect(kinds('a {{-3}}')).toEqual(['text:a ', 'leftDelim:{{', 'number:-3', 'rightDelim:}}', 'eof:']);
    // A newline counts as the space after the marker.
    expect(kinds('a {{-\n1}}')).toEqual(['text:a', 'leftDelim:{{', 'number:1', 'rightDelim:}}', 'eof:']);
  });

  it('drops comments (trimming around them) unless asked to keep them', () => {
    expect(kinds('a {{- /* c */ -}} b')).toEqual(['text:a', 'text:b', 'eof:']);
    expect(kinds('a{{/* c */}}b', { emitComments: true })).toEqual(['text:a', 'comment:/* c */', 'text:b', 'eof:']);
  });

  it('allows newlines inside actions', () => {
    expect(kinds('{{ .a\n| f }}')).toEqual(['leftDelim:{{', 'space: ', 'field:.a', 'space:\n', 'pipe:|', 'space: ', 'identifier:f', 'space: ', 'rightDelim:}}', 'eof:']);
  });

  it('supports custom delimiters', () => {
    expect(kinds('a [[ .b -]] {{c}}', { leftDelim: '[[', rightDelim: ']]' })).toEqual([
      'text:a ',
      'leftDelim:[[',
      'space: ',
      'field:.b',
      'rightDelim:]]',
      'text:{{c}}',
      'eof:',
    ]);
  });

  it('handles non-BMP characters in text and identifiers', () => {
    expect(kinds('😀{{ $é }}')).toEqual(['text:😀', 'leftDelim:{{', 'space: ', 'variable:$é', 'space: ', 'rightDelim:}}', 'eof:']);
  });

  it.each([
    ['{{ .x', 'unclosed action', 5],
    ['{{ "ab', 'unterminated quoted string', 3],
    ['{{ "a\nb" }}', 'unterminated quoted string', 3],
    ["{{ 'a }}", 'unterminated character constant', 3],
    ['{{ `ab }}', 'unterminated raw quoted string', 3],
    ['x{{/* c', 'unclosed comment', 3],
    ['{{/* c */ x}}', 'comment ends before closing delimiter', 2],
    ['{{ (1 }}', 'unclosed left paren', 6],
    ['{{ ) }}', 'unexpected right paren', 3],
    ['{{ :x }}', 'expected :=', 3],
    ['{{ € }}', "unrecognized character in action: U+20AC '€'", 3],
    ['{{ \u0007 }}', 'unrecognized character in action: U+0007', 3],
    ['{{ .a€ }}', "bad character U+20AC '€'", 3],
    ['{{ $x+1 }}', "bad character U+002B '+'", 3],
    ['{{ 1a }}', 'bad number syntax: "1a"', 3],
    ['{{ 1-1 }}', 'bad number syntax: "1-1"', 3],
  ])('reports %j as %j at offset %i and stops', (text, message, pos) => {
    const tokens = lexTemplate(text);
    const last = tokens[tokens.length - 1];
    expect(last).toEqual({ kind: 'error', pos, value: message });
    expect(tokens.filter((t) => t.kind === 'error')).toHaveLength(1);
  });
});

describe('describeToken', () => {
  it('formats tokens the way Go prints lexer items', () => {
    expect(describeToken({ kind: 'eof', pos: 0, value: '' })).toBe('EOF');
    expect(describeToken({ kind: 'end', pos: 0, value: 'end' })).toBe('<end>');
    expect(describeToken({ kind: 'dot', pos: 0, value: '.' })).toBe('<.>');
    expect(describeToken({ kind: 'char', pos: 0, value: '}' })).toBe('"}"');
    expect(describeToken({ kind: 'space', pos: 0, value: '\n' })).toBe('"\\n"');
    expect(describeToken({ kind: 'string', pos: 0, value: '"abcdefghijkl"' })).toBe('"\\"abcdefghi"...');
  });
});
