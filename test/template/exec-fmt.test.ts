import { describe, expect, it } from 'vitest';
import { formatGoFloat } from '../../src/go/strconv.js';
import { sprint, sprintf, sprintln } from '../../src/template/builtins.js';
import {
  ANY,
  FLOAT64,
  INT,
  INT64,
  STRING,
  UINT64,
  UINT8,
  box,
  goBool,
  goComplex,
  goFloat,
  goInt,
  goMap,
  goPtr,
  goSlice,
  goString,
  goStruct,
  goUint,
  ptrTo,
  stringMap,
  structOf,
  durationValue,
  timeFromNanos,
  type Val,
} from '../../src/template/values.js';

const f = (x: number): Val => goFloat(x);
const i = (x: number | bigint): Val => goInt(x);
const s = (x: string): Val => goString(x);

// Expected texts are what Go's fmt prints for the same verbs and operands.
const CASES: readonly (readonly [format: string, arg: Val, expected: string])[] = [
  // floats
  ['%.2f', f(3.14159), '3.14'],
  ['%.2f', f(1.005), '1.00'],
  ['%.0f', f(0.5), '0'],
  ['%.0f', f(1.5), '2'],
  ['%.0f', f(2.5), '2'],
  ['%.1f', f(0.25), '0.2'],
  ['%.1f', f(0.05), '0.1'],
  ['%f', f(1234.5678e3), '1234567.800000'],
  ['%f', f(1234.5678e-8), '0.000012'],
  ['%f', f(-1e-9), '-0.000000'],
  ['%20f', f(12345678901.23456789), '  12345678901.234568'],
  ['%20.8f', f(1.23456789e-3), '          0.00123457'],
  ['%+.3f', f(-1), '-1.000'],
  ['%+07.2f', f(1), '+001.00'],
  ['%+07.2f', f(-1), '-001.00'],
  ['%-07.2f', f(-1), '-1.00  '],
  ['%e', f(1), '1.000000e+00'],
  ['%e', f(1234.5678e3), '1.234568e+06'],
  ['%E', f(1234.5678e-8), '1.234568E-05'],
  ['%+.3e', f(0), '+0.000e+00'],
  ['% .3e', f(1), ' 1.000e+00'],
  ['%g', f(1234.5678e3), '1.2345678e+06'],
  ['%g', f(1234.5678e-8), '1.2345678e-05'],
  ['%g', f(-7), '-7'],
  ['%g', f(-1e-9), '-1e-09'],
  ['%G', f(-1e-9), '-1E-09'],
  ['%g', f(1.23456789e20), '1.23456789e+20'],
  ['%g', f(1.23456789e-3), '0.00123456789'],
  ['%.4g', f(1.5), '1.5'],
  ['%.4g', f(1234567), '1.235e+06'],
  ['%.4g', f(100), '100'],
  ['%.3g', f(1), '1'],
  ['%#g', f(1.1), '1.10000'],
  ['%#g', f(123456), '123456.'],
  ['%#g', f(1234567), '1.234567e+06'],
  ['%#.0f', f(1), '1.'],
  ['%#.0e', f(123), '1.e+02'],
  ['%#.4g', f(123), '123.0'],
  ['%#9.4g', f(1), '    1.000'],
  ['%b', f(1), '4503599627370496p-52'],
  ['%x', f(1), '0x1p+00'],
  ['%.3x', f(1), '0x1.000p+00'],
  ['%X', f(-0.5), '-0X1P-01'],
  ['%v', f(1e6), '1e+06'],
  ['%v', f(100000), '100000'],
  ['%v', f(0.0001), '0.0001'],
  ['%v', f(0.00001), '1e-05'],
  ['%v', f(1353755652), '1.353755652e+09'],
  ['%v', f(-0), '-0'],
  ['%f', f(Infinity), '+Inf'],
  ['%.1f', f(-Infinity), '-Inf'],
  ['% f', f(NaN), ' NaN'],
  ['%20f', f(Infinity), '                +Inf'],
  ['%+020e', f(Infinity), '                +Inf'],
  ['%-020f', f(-Infinity), '-Inf                '],
  ['% +20E', f(NaN), '                +NaN'],
  ['%v', f(NaN), 'NaN'],
  ['%d', f(1.5), '%!d(float64=1.5)'],
  ['%s', f(2), '%!s(float64=2)'],
  // complex
  ['%.3f', goComplex(1, 2), '(1.000+2.000i)'],
  ['%+.3g', goComplex(1, 2), '(+1+2i)'],
  ['%v', goComplex(0, -1), '(0-1i)'],
  // integers
  ['%d', i(-12345), '-12345'],
  ['%d', goUint((1n << 64n) - 1n, UINT64), '18446744073709551615'],
  ['%d', goInt(-(1n << 63n), INT64), '-9223372036854775808'],
  ['%.d', i(0), ''],
  ['%6.0d', i(0), '      '],
  ['% d', i(12345), ' 12345'],
  ['%+d', i(12345), '+12345'],
  ['%b', i(-6), '-110'],
  ['%#o', i(0o1234), '01234'],
  ['%O', i(8), '0o10'],
  ['%#X', i(0), '0X0'],
  ['%x', i(0x12abcdef), '12abcdef'],
  ['%.20b', i(7), '00000000000000000111'],
  ['%010d', i(-12345), '-000012345'],
  ['%20.8d', i(-1234), '           -00001234'],
  ['%020.8d', i(1234), '            00001234'],
  ['%-#20.8x', i(0x1234abc), '0x01234abc          '],
  ['%#b', i(5), '0b101'],
  ['%c', i(0x65e5), '日'],
  ['%3c', i(0x2318), '  ⌘'],
  ['%c', i(-1), '\uFFFD'],
  ['%q', i(0x263a), "'☺'"],
  ['%+q', i(0x263a), "'\\u263a'"],
  ['%q', i(-1), '%!q(int=-1)'],
  ['%q', i(0x110000), '%!q(int=1114112)'],
  ['%U', i(0x263a), 'U+263A'],
  ['%#U', i(0x263a), "U+263A '☺'"],
  ['%#14.6U', i(0x2318), "  U+002318 '⌘'"],
  ['%U', i(-1), 'U+FFFFFFFFFFFFFFFF'],
  ['%s', i(3), '%!s(int=3)'],
  ['%t', i(1), '%!t(int=1)'],
  // strings
  ['%5s', s('abc'), '  abc'],
  ['%-5s', s('abc'), 'abc  '],
  ['%05s', s('abc'), '00abc'],
  ['%.5s', s('日本語日本語'), '日本語日本'],
  ['%2s', s('\u263a'), ' ☺'],
  ['%q', s('日本語'), '"日本語"'],
  ['%+q', s('日本語'), '"\\u65e5\\u672c\\u8a9e"'],
  ['%#q', s('abc'), '`abc`'],
  ['%#q', s('\n'), '"\\n"'],
  ['%q', s('\u0007\b\f\n\r\t\v"\\'), '"\\a\\b\\f\\n\\r\\t\\v\\"\\\\"'],
  ['%010q', s('⌘'), '0000000"⌘"'],
  ['%-010q', s('⌘'), '"⌘"       '],
  ['%x', s('xyz'), '78797a'],
  ['% X', s('xyz'), '78 79 7A'],
  ['%#x', s('xyz'), '0x78797a'],
  ['%# x', s('xyz'), '0x78 0x79 0x7a'],
  ['%.1x', s('日本語'), 'e6'],
  ['%d', s('x'), '%!d(string=x)'],
  // bools, nil, composite values
  ['%t', goBool(true), 'true'],
  ['%v', goBool(false), 'false'],
  ['%d', goBool(true), '%!d(bool=true)'],
  ['%v', undefined, '<nil>'],
  ['%10v', undefined, '     <nil>'],
  ['%d', undefined, '%!d(<nil>)'],
  ['%T', undefined, '<nil>'],
  ['%v', stringMap({ b: '2', a: '1' }), 'map[a:1 b:2]'],
  ['%#v', stringMap({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}'],
  ['%T', stringMap({}), 'map[string]string'],
  ['%d', goMap(STRING, INT, [[goString('x'), goInt(1)]]), 'map[%!d(string=x):1]'],
  ['%v', goSlice(ANY, [goInt(1), goString('hello'), goFloat(2.5), box(undefined)]), '[1 hello 2.5 <nil>]'],
  ['%v', goSlice(UINT8, [goUint(65, UINT8), goUint(66, UINT8)]), '[65 66]'],
  ['%s', goSlice(UINT8, [goUint(65, UINT8), goUint(66, UINT8)]), 'AB'],
  ['%x', goSlice(UINT8, [goUint(65, UINT8), goUint(66, UINT8)]), '4142'],
  ['%06v', goSlice(INT, [goInt(1), goInt(11)]), '[000001 000011]'],
  ['%v', goSlice(FLOAT64, null), '[]'],
  ['%#v', goSlice(FLOAT64, null), '[]float64(nil)'],
  ['%v', goSlice(FLOAT64, [goFloat(1), goFloat(0.5)]), '[1 0.5]'],
  ['%.1f', goSlice(FLOAT64, [goFloat(1), goFloat(0.25)]), '[1.0 0.2]'],
  ['%T', durationValue(1n), 'time.Duration'],
  ['%v', durationValue(90_000_000_000n), '1m30s'],
  ['%d', durationValue(90_000_000_000n), '90000000000'],
  ['%q', durationValue(1_500_000n), '"1.5ms"'],
  ['%v', timeFromNanos(1_435_065_584_128_000_000n), '2015-06-23 13:19:44.128 +0000 UTC'],
];

const point = structOf([
  { name: 'X', type: INT },
  { name: 'Label', type: STRING },
  { name: 'Any', type: ANY },
]);

describe('Go fmt: Sprintf', () => {
  it.each(CASES.map(([format, arg, expected]) => [format, expected, arg] as const))('%s → %s', (format, expected, arg) => {
    expect(sprintf(format, [arg])).toBe(expected);
  });

  it('prints structs and pointers to them', () => {
    const p = goStruct(point, [goInt(1), goString('a'), goFloat(0.5)]);
    expect(sprintf('%v', [p])).toBe('{1 a 0.5}');
    expect(sprintf('%+v', [p])).toBe('{X:1 Label:a Any:0.5}');
    expect(sprintf('%#v', [p])).toBe('struct { X int; Label string; Any interface {} }{X:1, Label:"a", Any:0.5}');
    expect(sprintf('%v', [goPtr(p, ptrTo(point))])).toBe('&{1 a 0.5}');
    expect(sprintf('%v', [goStruct(point, [])])).toBe('{0  <nil>}');
    expect(sprintf('%v', [goPtr(null, ptrTo(point))])).toBe('<nil>');
  });

  it('handles argument indexes, star widths and bad directives', () => {
    expect(sprintf('%[2]d %[1]d', [i(1), i(2)])).toBe('2 1');
    expect(sprintf('%[3]*.[2]*[1]f', [f(12), i(2), i(6)])).toBe(' 12.00');
    expect(sprintf('%*d|%-*d', [i(4), i(1), i(3), i(2)])).toBe('   1|2  ');
    expect(sprintf('%*d', [s('x'), i(1)])).toBe('%!(BADWIDTH)1');
    expect(sprintf('%.*d', [i(-1), i(1)])).toBe('%!(BADPREC)1');
    expect(sprintf('%[5]d', [i(1)])).toBe('%!d(BADINDEX)');
    expect(sprintf('%d %d', [i(1)])).toBe('1 %!d(MISSING)');
    expect(sprintf('%d', [i(1), s('x'), undefined])).toBe('1%!(EXTRA string=x, <nil>)');
    expect(sprintf('%!', [])).toBe('%!!(MISSING)');
    expect(sprintf('abc%', [])).toBe('abc%!(NOVERB)');
    expect(sprintf('%z', [i(1)])).toBe('%!z(int=1)');
    expect(sprintf('100%%', [])).toBe('100%');
    expect(sprintf('%.3f', [i(2)])).toBe('%!f(int=002)');
  });
});

describe('Go fmt: Sprint and Sprintln', () => {
  it('spaces operands when neither side is a string', () => {
    expect(sprint([i(1), i(2), s('a'), i(3), s('b'), s('c'), f(1.5), f(2)])).toBe('1 2a3bc1.5 2');
    expect(sprint([undefined, undefined])).toBe('<nil> <nil>');
    expect(sprintln([s('a'), i(1), s('b')])).toBe('a 1 b\n');
  });
});

describe('strconv.FormatFloat', () => {
  it('rounds the exact binary value half to even', () => {
    expect(formatGoFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatGoFloat(0.375, 'f', 2)).toBe('0.38');
    expect(formatGoFloat(2.675, 'f', 2)).toBe('2.67');
    expect(formatGoFloat(1e23, 'e', 3)).toBe('1.000e+23');
    expect(formatGoFloat(5e-324, 'g', -1)).toBe('5e-324');
    expect(formatGoFloat(1.7976931348623157e308, 'g', -1)).toBe('1.7976931348623157e+308');
    expect(formatGoFloat(123456789, 'f', -1)).toBe('123456789');
    expect(formatGoFloat(0.1, 'e', -1)).toBe('1e-01');
    expect(formatGoFloat(999.9999, 'g', 4)).toBe('1000');
    expect(formatGoFloat(9999.5, 'g', 4)).toBe('1e+04');
  });
});
