import { describe, expect, it } from 'vitest';
import { describeToken, lex } from '../../src/promql/lex.js';
import { parseNumber, unquoteString } from '../../src/promql/literals.js';

describe('lex', () => {
  it('classifies tokens as Prometheus does', () => {
    const { tokens, error } = lex('sum BY (a) (rate(x:y{b!~"c"}[5m] OFFSET -1h) > bool inf) # end');
    expect(error).toBeUndefined();
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'AGGREGATOR:sum',
      'KEYWORD:BY',
      'LEFT_PAREN:(',
      'IDENTIFIER:a',
      'RIGHT_PAREN:)',
      'LEFT_PAREN:(',
      'IDENTIFIER:rate',
      'LEFT_PAREN:(',
      'METRIC_IDENTIFIER:x:y',
      'LEFT_BRACE:{',
      'IDENTIFIER:b',
      'OPERATOR:!~',
      'STRING:"c"',
      'RIGHT_BRACE:}',
      'LEFT_BRACKET:[',
      'DURATION:5m',
      'RIGHT_BRACKET:]',
      'KEYWORD:OFFSET',
      'OPERATOR:-',
      'DURATION:1h',
      'RIGHT_PAREN:)',
      'OPERATOR:>',
      'KEYWORD:bool',
      'NUMBER:inf',
      'RIGHT_PAREN:)',
      'COMMENT:# end',
      'EOF:',
    ]);
  });

  it('treats fill as a keyword only before "("', () => {
    expect(lex('fill + fill(1)').tokens.map((t) => t.kind).slice(0, 3)).toEqual(['IDENTIFIER', 'OPERATOR', 'KEYWORD']);
  });

  it('describes tokens in promtool words', () => {
    const [a, b, c, d, e] = lex('foo "a long string literal" + sum by').tokens;
    expect([a, b, c, d, e].map((t) => t && describeToken(t))).toEqual([
      'identifier "foo"',
      'string "\\"a long st"...',
      '<op:+>',
      '<aggr:sum>',
      '<by>',
    ]);
  });
});

describe('literals', () => {
  it('parses numbers like Go strconv', () => {
    expect(parseNumber('0x_1F')).toEqual({ ok: true, value: 31 });
    expect(parseNumber('017')).toEqual({ ok: true, value: 15 });
    expect(parseNumber('09')).toEqual({ ok: true, value: 9 });
    expect(parseNumber('1_000.5')).toEqual({ ok: true, value: 1000.5 });
    expect(parseNumber('99999999999999999999')).toEqual({ ok: true, value: 1e20 });
  });

  it('unquotes strings with byte escapes', () => {
    expect(unquoteString('"\\xc3\\xa9"')).toEqual({ ok: true, value: 'é', validUtf8: true });
    expect(unquoteString('"a\\xc5z"')).toMatchObject({ ok: true, validUtf8: false });
    expect(unquoteString("'multi char'")).toEqual({ ok: true, value: 'multi char', validUtf8: true });
  });
});
