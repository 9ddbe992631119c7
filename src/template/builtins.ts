// Go's fmt printing (Sprint, Sprintln, Sprintf with every verb, flag, width,
// precision and argument index, and fmt's %!verb(type=value) complaints) and
// text/template's builtin functions (and, or, not, eq..ge, index, slice, len,
// call, html, js, urlquery, print, printf, println), over the value model of
// values.ts. Floats are formatted from their exact binary value with Go's
// round-half-even, so %.2f, %g and friends match Go digit for digit.

import { formatGoFloat, goQuote, goQuoteRune, goQuoteRuneToASCII, goQuoteToASCII, isGoPrint, isValidRune } from '../go/strconv.js';
import { compareGoStrings } from '../go/strings.js';
import {
  ANY,
  BOOL,
  INT,
  REFLECT_VALUE,
  STRING,
  UINT8,
  assignableTo,
  canBeNil,
  goBool,
  goInt,
  goString,
  goUint,
  GoError,
  indirect,
  indirectInterface,
  isIntLike,
  lengthOf,
  mapKeyOf,
  sortedEntries,
  truth,
  utf8Bytes,
  zeroValue,
  type GoFunction,
  type GoType,
  type GoValue,
  type Val,
} from './values.js';

// ---- strconv: quoting --------------------------------------------------------

/** strconv.CanBackquote. */
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xfeff) return false;
    if (cp >= 0xd800 && cp <= 0xdfff) return false;
    if ((cp < 0x20 && cp !== 0x09) || cp === 0x60 || cp === 0x7f) return false;
  }
  return true;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---- fmt -----------------------------------------------------------------------

interface Flags {
  widPresent: boolean;
  precPresent: boolean;
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
}

const noFlags = (): Flags => ({
  widPresent: false,
  precPresent: false,
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
});

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';

// Go prints addresses; ours are stable stand-ins, one per object.
const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;

function addressOf(v: GoValue): bigint {
  let ref: object | null = null;
  switch (v.kind) {
    case 'ptr':
      ref = v.target;
      break;
    case 'map':
      ref = v.entries;
      break;
    case 'slice':
      ref = v.elems;
      break;
    case 'func':
      ref = v.fn;
      break;
    default:
      ref = null;
  }
  if (ref === null) return 0n;
  let a = addresses.get(ref);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x30n;
    addresses.set(ref, a);
  }
  return a;
}

function stringerOf(v: GoValue): ((v: GoValue) => string) | undefined {
  if (v.type.stringer) return v.type.stringer;
  if (v.kind === 'ptr') {
    const s = v.type.elem?.stringer;
    if (s) {
      return (p) => {
        if (p.kind !== 'ptr' || p.target === null) throw new NilPointerPanic();
        return s(p.target);
      };
    }
  }
  return undefined;
}

class NilPointerPanic extends Error {}

class Printer {
  buf = '';
  f: Flags = noFlags();
  wid = 0;
  prec = 0;
  /** p.arg: the operand as an interface value (undefined = nil). */
  arg: Val = undefined;
  /** p.value: the operand as a reflect.Value when printing by reflection. */
  value: Val = undefined;
  erroring = false;
  panicking = false;
  reordered = false;
  goodArgNum = true;

  clearflags(): void {
    this.f = noFlags();
    this.wid = 0;
    this.prec = 0;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.f.zero && !this.f.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.f.precPresent && this.prec > 4) prec = this.prec;
    let s = `U+${u.toString(16).toUpperCase().padStart(prec, '0')}`;
    if (this.f.sharp && u <= 0x10ffffn && isGoPrint(Number(u))) s += ` '${String.fromCodePoint(Number(u))}'`;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  fmtInteger(value: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    const negative = isSigned && value < 0n;
    const u = negative ? -value : value;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.wid);
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = u.toString(base);
    if (digits === UDIGITS) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.f.sharp) {
      if (base === 2) s = `0b${s}`;
      else if (base === 8 && s[0] !== '0') s = `0${s}`;
      else if (base === 16) s = `0${digits[16]}${s}`;
    }
    if (verb === 'O') s = `0o${s}`;
    if (negative) s = `-${s}`;
    else if (this.f.plus) s = `+${s}`;
    else if (this.f.space) s = ` ${s}`;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  truncate(s: string): string {
    if (!this.f.precPresent) return s;
    let n = this.prec;
    let i = 0;
    for (const ch of s) {
      n--;
      if (n < 0) return s.slice(0, i);
      i += ch.length;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtSbx(bytes: Uint8Array, digits: string): void {
    let length = bytes.length;
    if (this.f.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) {
        width += 2;
      }
    } else {
      if (this.f.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.f.widPresent && this.wid > width && !this.f.minus) this.writePadding(this.wid - width);
    let out = '';
    if (this.f.sharp) out += `0${digits[16]}`;
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) {
        out += ' ';
        if (this.f.sharp) out += `0${digits[16]}`;
      }
      const c = bytes[i] ?? 0;
      out += (digits[c >> 4] ?? '') + (digits[c & 0xf] ?? '');
    }
    this.buf += out;
    if (this.f.widPresent && this.wid > width && this.f.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string): void {
    const t = this.truncate(s);
    if (this.f.sharp && canBackquote(t)) {
      this.pad(`\`${t}\``);
      return;
    }
    this.pad(this.f.plus ? goQuoteToASCII(t) : goQuote(t));
  }

  fmtC(c: bigint): void {
    let r = c > 0x10ffffn ? 0xfffd : Number(c);
    if (!isValidRune(r)) r = 0xfffd;
    this.pad(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > 0x10ffffn ? 0xfffd : Number(c);
    this.pad(this.f.plus ? goQuoteRuneToASCII(r) : goQuoteRune(r));
  }

  /** fmt.fmtFloat: strconv plus fmt's sign, padding and '#' handling. */
  fmtFloatRaw(v: number, verb: string, precIn: number): void {
    const prec = this.f.precPresent ? this.prec : precIn;
    let num = formatGoFloat(v, verb, prec);
    if (num[0] === '-' || num[0] === '+') {
      // keep the sign
    } else {
      num = `+${num}`;
    }
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp && verb !== 'b') {
      let digits = 0;
      switch (verb) {
        case 'v':
        case 'g':
        case 'G':
        case 'x':
          digits = prec;
          if (digits === -1) digits = 6;
          break;
        default:
          break;
      }
      let tail = '';
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const ch = body[i];
        if (ch === '.') {
          hasDecimalPoint = true;
        } else if (ch === 'p' || ch === 'P') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else if ((ch === 'e' || ch === 'E') && verb !== 'x' && verb !== 'X') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (ch !== '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += `%!${verb}(`;
    if (this.arg !== undefined) {
      this.buf += `${this.arg.type.name}=`;
      this.printArg(this.arg, 'v');
    } else if (this.value !== undefined) {
      this.buf += `${this.value.type.name}=`;
      this.printValue(this.value, 'v', 0);
    } else {
      this.buf += '<nil>';
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.f.sharp;
    this.f.sharp = leading0x;
    this.fmtInteger(v, 16, false, 'v', LDIGITS);
    this.f.sharp = sharp;
  }

  fmtIntegerVerb(v: bigint, isSigned: boolean, verb: string): void {
    const asUint = (): bigint => (isSigned ? BigInt.asUintN(64, v) : v);
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !isSigned) this.fmt0x64(v, true);
        else this.fmtInteger(v, 10, isSigned, verb, LDIGITS);
        break;
      case 'd':
        this.fmtInteger(v, 10, isSigned, verb, LDIGITS);
        break;
      case 'b':
        this.fmtInteger(v, 2, isSigned, verb, LDIGITS);
        break;
      case 'o':
      case 'O':
        this.fmtInteger(v, 8, isSigned, verb, LDIGITS);
        break;
      case 'x':
        this.fmtInteger(v, 16, isSigned, verb, LDIGITS);
        break;
      case 'X':
        this.fmtInteger(v, 16, isSigned, verb, UDIGITS);
        break;
      case 'c':
        this.fmtC(asUint());
        break;
      case 'q':
        if (asUint() <= 0x10ffffn) this.fmtQc(asUint());
        else this.badVerb(verb);
        break;
      case 'U':
        this.fmtUnicode(asUint());
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloatRaw(v, 'g', -1);
        break;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloatRaw(v, verb, -1);
        break;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloatRaw(v, verb, 6);
        break;
      case 'F':
        this.fmtFloatRaw(v, 'f', 6);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtComplex(re: number, im: number, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.f.plus;
        this.buf += '(';
        this.fmtFloat(re, verb);
        this.f.plus = true;
        this.fmtFloat(im, verb);
        this.buf += 'i)';
        this.f.plus = oldPlus;
        break;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        break;
      case 's':
        this.fmtS(v);
        break;
      case 'x':
        this.fmtSbx(utf8Bytes(v), LDIGITS);
        break;
      case 'X':
        this.fmtSbx(utf8Bytes(v), UDIGITS);
        break;
      case 'q':
        this.fmtQ(v);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtBytes(bytes: Uint8Array, verb: string, typeString: string, isNil: boolean): void {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.f.sharpV) {
          this.buf += typeString;
          if (isNil) {
            this.buf += '(nil)';
            return;
          }
          this.buf += '{';
          bytes.forEach((c, i) => {
            if (i > 0) this.buf += ', ';
            this.fmt0x64(BigInt(c), true);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          bytes.forEach((c, i) => {
            if (i > 0) this.buf += ' ';
            this.fmtInteger(BigInt(c), 10, false, verb, LDIGITS);
          });
          this.buf += ']';
        }
        break;
      case 's':
        this.pad(this.truncate(new TextDecoder().decode(bytes)));
        break;
      case 'x':
        this.fmtSbx(bytes, LDIGITS);
        break;
      case 'X':
        this.fmtSbx(bytes, UDIGITS);
        break;
      case 'q':
        this.fmtQ(new TextDecoder().decode(bytes));
        break;
      default:
        break;
    }
  }

  fmtPointer(value: GoValue, verb: string): void {
    switch (value.kind) {
      case 'func':
      case 'map':
      case 'ptr':
      case 'slice':
        break;
      default:
        this.badVerb(verb);
        return;
    }
    const u = addressOf(value);
    switch (verb) {
      case 'v':
        if (this.f.sharpV) {
          this.buf += `(${value.type.name})(`;
          if (u === 0n) this.buf += 'nil';
          else this.fmt0x64(u, true);
          this.buf += ')';
        } else if (u === 0n) {
          this.pad('<nil>');
        } else {
          this.fmt0x64(u, !this.f.sharp);
        }
        break;
      case 'p':
        this.fmt0x64(u, !this.f.sharp);
        break;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        this.fmtIntegerVerb(u, false, verb);
        break;
      default:
        this.badVerb(verb);
    }
  }

  handleMethods(verb: string): boolean {
    if (this.erroring || this.f.sharpV) return false;
    const arg = this.arg;
    if (arg === undefined) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const stringer = stringerOf(arg);
    if (stringer === undefined) return false;
    let text: string;
    try {
      text = stringer(arg);
    } catch (e) {
      if (arg.kind === 'ptr' && arg.target === null) {
        this.buf += '<nil>';
        return true;
      }
      const oldFlags = this.f;
      this.f = noFlags();
      this.buf += `%!${verb}(PANIC=String method: ${e instanceof Error ? e.message : String(e)})`;
      this.f = oldFlags;
      return true;
    }
    this.fmtString(text, verb);
    return true;
  }

  printArg(arg: Val, verb: string): void {
    this.arg = arg;
    this.value = undefined;
    if (arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(arg.type.name);
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    // Go's fast path covers the predeclared types only; other types may have methods.
    if (arg.type.named && arg.type.name === arg.type.underlying && !arg.type.stringer) {
      switch (arg.kind) {
        case 'bool':
          this.fmtBool(arg.v, verb);
          return;
        case 'float':
          this.fmtFloat(arg.v, verb);
          return;
        case 'complex':
          this.fmtComplex(arg.re, arg.im, verb);
          return;
        case 'int':
          this.fmtIntegerVerb(arg.v, true, verb);
          return;
        case 'uint':
          this.fmtIntegerVerb(arg.v, false, verb);
          return;
        case 'string':
          this.fmtString(arg.v, verb);
          return;
        default:
          break;
      }
    }
    if (!this.handleMethods(verb)) this.printValue(arg, verb, 0);
  }

  printValue(value: Val, verb: string, depth: number): void {
    if (depth > 0 && value !== undefined) {
      this.arg = value.kind === 'interface' ? (value.inner ?? undefined) : value;
      if (this.arg !== undefined && this.handleMethods(verb)) return;
    }
    this.arg = undefined;
    this.value = value;
    if (value === undefined) {
      if (depth === 0) this.buf += '<invalid reflect.Value>';
      else if (verb === 'v') this.buf += '<nil>';
      else this.badVerb(verb);
      return;
    }
    switch (value.kind) {
      case 'bool':
        this.fmtBool(value.v, verb);
        return;
      case 'int':
        this.fmtIntegerVerb(value.v, true, verb);
        return;
      case 'uint':
        this.fmtIntegerVerb(value.v, false, verb);
        return;
      case 'float':
        this.fmtFloat(value.v, verb);
        return;
      case 'complex':
        this.fmtComplex(value.re, value.im, verb);
        return;
      case 'string':
        this.fmtString(value.v, verb);
        return;
      case 'map': {
        if (this.f.sharpV) {
          this.buf += value.type.name;
          if (value.entries === null) {
            this.buf += '(nil)';
            return;
          }
          this.buf += '{';
        } else {
          this.buf += 'map[';
        }
        sortedEntries(value).forEach((e, i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          this.printValue(e.key, verb, depth + 1);
          this.buf += ':';
          this.printValue(e.value, verb, depth + 1);
        });
        this.buf += this.f.sharpV ? '}' : ']';
        return;
      }
      case 'struct': {
        if (this.f.sharpV) this.buf += value.type.name;
        this.buf += '{';
        const fields = value.type.fields ?? [];
        value.fields.forEach((fv, i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          if (this.f.plusV || this.f.sharpV) {
            const name = fields[i]?.name ?? '';
            if (name !== '') this.buf += `${name}:`;
          }
          const field = fv.kind === 'interface' && fv.inner !== null ? fv.inner : fv;
          this.printValue(field, verb, depth + 1);
        });
        this.buf += '}';
        return;
      }
      case 'interface':
        if (value.inner === null) {
          if (this.f.sharpV) this.buf += `${value.type.name}(nil)`;
          else this.buf += '<nil>';
        } else {
          this.printValue(value.inner, verb, depth + 1);
        }
        return;
      case 'slice': {
        if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && value.type.elem?.name === 'uint8') {
          const bytes = Uint8Array.from((value.elems ?? []).map((e) => (e.kind === 'uint' ? Number(e.v) : 0)));
          this.fmtBytes(bytes, verb, value.type.name, value.elems === null);
          return;
        }
        const elems = value.elems ?? [];
        if (this.f.sharpV) {
          this.buf += value.type.name;
          if (value.elems === null) {
            this.buf += '(nil)';
            return;
          }
          this.buf += '{';
          elems.forEach((e, i) => {
            if (i > 0) this.buf += ', ';
            this.printValue(e, verb, depth + 1);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          elems.forEach((e, i) => {
            if (i > 0) this.buf += ' ';
            this.printValue(e, verb, depth + 1);
          });
          this.buf += ']';
        }
        return;
      }
      case 'ptr':
        if (depth === 0 && value.target !== null) {
          const k = value.target.kind;
          if (k === 'slice' || k === 'struct' || k === 'map') {
            this.buf += '&';
            this.printValue(value.target, verb, depth + 1);
            return;
          }
        }
        this.fmtPointer(value, verb);
        return;
      case 'func':
        this.fmtPointer(value, verb);
        return;
    }
  }

  doPrint(args: readonly Val[]): void {
    let prevString = false;
    args.forEach((arg, i) => {
      const isString = arg !== undefined && arg.kind === 'string';
      if (i > 0 && !isString && !prevString) this.buf += ' ';
      this.printArg(arg, 'v');
      prevString = isString;
    });
  }

  doPrintln(args: readonly Val[]): void {
    args.forEach((arg, i) => {
      if (i > 0) this.buf += ' ';
      this.printArg(arg, 'v');
    });
    this.buf += '\n';
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  doPrintf(format: string, a: readonly Val[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i] ?? '';
        switch (c) {
          case '#':
            this.f.sharp = true;
            break;
          case '0':
            this.f.zero = true;
            break;
          case '+':
            this.f.plus = true;
            break;
          case '-':
            this.f.minus = true;
            break;
          case ' ':
            this.f.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.f.sharpV = this.f.sharp;
                this.f.sharp = false;
                this.f.plusV = this.f.plus;
                this.f.plus = false;
              }
              this.printArg(a[argNum], c === 'w' ? 'w' : c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.f.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.f.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.f.minus = true;
          this.f.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.f.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.f.precPresent, argNum] = intFromArg(a, argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.f.precPresent = false;
          }
          if (!this.f.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.prec, this.f.precPresent, i] = parsenum(format, i, end);
          if (!this.f.precPresent) {
            this.prec = 0;
            this.f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) ?? 0;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') {
        this.buf += '%';
      } else if (!this.goodArgNum) {
        this.buf += `%!${verb}(BADINDEX)`;
      } else if (argNum >= a.length) {
        this.buf += `%!${verb}(MISSING)`;
      } else {
        if (verb === 'v') {
          this.f.sharpV = this.f.sharp;
          this.f.sharp = false;
          this.f.plusV = this.f.plus;
          this.f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.clearflags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.buf += ', ';
        if (arg === undefined) {
          this.buf += '<nil>';
        } else {
          this.buf += `${arg.type.name}=`;
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }
}

function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s[i]! >= '0' && s[i]! <= '9'; i++) {
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

function intFromArg(a: readonly Val[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    if (v?.kind === 'int' && v.v >= -(1n << 63n) && v.v < 1n << 63n) {
      num = Number(v.v);
      isInt = true;
    } else if (v?.kind === 'uint' && v.v < 1n << 63n) {
      num = Number(v.v);
      isInt = true;
    }
    newArgNum = argNum + 1;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

/** fmt.Sprint: operands in their default format, spaces between non-string neighbours. */
export function sprint(args: readonly Val[]): string {
  const p = new Printer();
  p.doPrint(args);
  return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(args: readonly Val[]): string {
  const p = new Printer();
  p.doPrintln(args);
  return p.buf;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly Val[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** fmt's %v of one reflect value (used in messages such as "range can't iterate over %v"). */
export function formatValue(v: Val): string {
  const p = new Printer();
  if (v === undefined) return '<invalid reflect.Value>';
  p.printArg(v.kind === 'interface' ? (v.inner ?? undefined) : v, 'v');
  return p.buf;
}

// ---- text/template helpers ---------------------------------------------------

/**
 * Go's printableValue: the value fmt should print for an action, or
 * `undefined` printable=false for functions (and channels).
 */
export function printableValue(v: Val): { ok: true; value: Val } | { ok: false } {
  let cur = v;
  if (cur?.kind === 'ptr') cur = indirect(cur).v;
  if (cur === undefined) return { ok: true, value: goString('<no value>') };
  if (!stringerOf(cur) && cur.kind === 'func') return { ok: false };
  return { ok: true, value: cur.kind === 'interface' ? (cur.inner ?? undefined) : cur };
}

/** Go's evalArgs: fmt.Sprint with each argument made printable. */
export function evalArgs(args: readonly Val[]): string {
  if (args.length === 1) {
    const a = args[0];
    if (a?.kind === 'string' && a.type === STRING) return a.v;
  }
  return sprint(
    args.map((a) => {
      const p = printableValue(a);
      return p.ok ? p.value : a;
    }),
  );
}

/** Go's template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => {
    switch (c) {
      case '\0':
        return '\uFFFD';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

/** Go's template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
      default:
        break;
    }
    if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp < 0x80 || (isGoPrint(cp) && isValidRune(cp))) out += ch;
    else out += `\\u${(isValidRune(cp) ? cp : 0xfffd).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || c === '-' || c === '_' || c === '.' || c === '~') out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// ---- comparison --------------------------------------------------------------

type BasicKind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

function basicKind(v: Val): BasicKind {
  switch (v?.kind) {
    case 'bool':
    case 'int':
    case 'uint':
    case 'float':
    case 'complex':
    case 'string':
      return v.kind;
    default:
      return 'invalid';
  }
}

function comparable(t: GoType): boolean {
  switch (t.kind) {
    case 'map':
    case 'slice':
    case 'func':
      return false;
    case 'struct':
      return (t.fields ?? []).every((f) => comparable(f.type));
    default:
      return true;
  }
}

function isNilValue(v: Val): boolean {
  if (v === undefined) return true;
  switch (v.kind) {
    case 'func':
      return v.fn === null;
    case 'interface':
      return v.inner === null;
    case 'map':
      return v.entries === null;
    case 'ptr':
      return v.target === null;
    case 'slice':
      return v.elems === null;
    default:
      return false;
  }
}

/** Go's == on two comparable values of one type (interface{} comparison). */
function goEqual(a: GoValue, b: GoValue): boolean {
  if (a.type.name !== b.type.name) return false;
  switch (a.kind) {
    case 'bool':
    case 'int':
    case 'uint':
    case 'float':
    case 'string':
      return b.kind === a.kind && a.v === b.v;
    case 'complex':
      return b.kind === 'complex' && a.re === b.re && a.im === b.im;
    case 'ptr':
      return b.kind === 'ptr' && a.target === b.target;
    case 'interface': {
      if (b.kind !== 'interface') return false;
      if (a.inner === null || b.inner === null) return a.inner === b.inner;
      return goEqual(a.inner, b.inner);
    }
    case 'struct': {
      if (b.kind !== 'struct') return false;
      if (a.opaque !== undefined || b.opaque !== undefined) return JSON.stringify(a.opaque, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) === JSON.stringify(b.opaque, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      return a.fields.every((f, i) => {
        const g = b.fields[i];
        return g !== undefined && goEqual(f, g);
      });
    }
    default:
      return false;
  }
}

function typeName(v: Val): string {
  return v === undefined ? '<nil>' : v.type.name;
}

function eq(arg1In: Val, rest: readonly Val[]): boolean {
  const arg1 = indirectInterface(arg1In);
  if (rest.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const argIn of rest) {
    const arg = indirectInterface(argIn);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (arg1?.kind === 'int' && arg?.kind === 'uint') t = arg1.v >= 0n && arg1.v === arg.v;
      else if (arg1?.kind === 'uint' && arg?.kind === 'int') t = arg.v >= 0n && arg1.v === arg.v;
      else if (arg1 !== undefined && arg !== undefined) throw new GoError(`incompatible types for comparison: ${arg1.type.name} and ${arg.type.name}`);
    } else if (k1 !== 'invalid') {
      // Same basic kind: compare the values.
      if (arg1?.kind === 'complex' && arg?.kind === 'complex') t = arg1.re === arg.re && arg1.im === arg.im;
      else t = (arg1 as { v: unknown }).v === (arg as { v: unknown }).v;
    } else {
      const kindOf = (v: Val): string => v?.kind ?? 'invalid';
      if (!(kindOf(arg1) === kindOf(arg) || arg1 === undefined || arg === undefined)) {
        throw new GoError(`non-comparable types ${formatValue(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`);
      }
      if (isNilValue(arg1) || isNilValue(arg)) {
        t = isNilValue(arg) === isNilValue(arg1);
      } else {
        if (!comparable(arg!.type)) throw new GoError(`non-comparable type ${formatValue(arg)}: ${typeName(arg)}`);
        t = goEqual(arg1!, arg!);
      }
    }
    if (t) return true;
  }
  return false;
}

function lt(a1: Val, a2: Val): boolean {
  const arg1 = indirectInterface(a1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new GoError('invalid type for comparison');
  const arg2 = indirectInterface(a2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new GoError('invalid type for comparison');
  const x = arg1 as GoValue;
  const y = arg2 as GoValue;
  if (k1 !== k2) {
    if (x.kind === 'int' && y.kind === 'uint') return x.v < 0n || x.v < y.v;
    if (x.kind === 'uint' && y.kind === 'int') return y.v >= 0n && x.v < y.v;
    throw new GoError(`incompatible types for comparison: ${x.type.name} and ${y.type.name}`);
  }
  switch (x.kind) {
    case 'bool':
    case 'complex':
      throw new GoError('invalid type for comparison');
    case 'float':
      return y.kind === 'float' && x.v < y.v;
    case 'int':
    case 'uint':
      return (y.kind === 'int' || y.kind === 'uint') && x.v < y.v;
    case 'string':
      return y.kind === 'string' && compareGoStrings(x.v, y.v) < 0;
    default:
      return false;
  }
}


// ---- index, slice, len, call ---------------------------------------------------

function indexArg(index: Val, cap: number): number {
  let x: bigint;
  if (index?.kind === 'int') x = index.v;
  else if (index?.kind === 'uint') x = BigInt.asIntN(64, index.v);
  else if (index === undefined) throw new GoError('cannot index slice/array with nil');
  else throw new GoError(`cannot index slice/array with type ${index.type.name}`);
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

/** Go's prepareArg: a value made fit for a parameter of type t. */
export function prepareArg(value: Val, t: GoType): Val {
  if (value === undefined) {
    if (!canBeNil(t)) throw new GoError(`value is nil; should be of type ${t.name}`);
    return zeroValue(t);
  }
  if (assignableTo(value.type, t)) return value;
  if (isIntLike(value.type) && isIntLike(t) && (value.kind === 'int' || value.kind === 'uint')) {
    const bits = /(\d+)$/.exec(t.name)?.[1];
    const n = Number(bits ?? 64);
    const v = t.kind === 'uint' ? BigInt.asUintN(n, value.v) : BigInt.asIntN(n, value.v);
    return t.kind === 'uint' ? goUint(v, t) : goInt(v, t);
  }
  throw new GoError(`value has type ${value.type.name}; should be ${t.name}`);
}

function stringBytesValue(s: string): Uint8Array {
  return utf8Bytes(s);
}

function index(itemIn: Val, indexes: readonly Val[]): Val {
  let item = indirectInterface(itemIn);
  if (item === undefined) throw new GoError('index of untyped nil');
  for (const indexIn of indexes) {
    const idx = indirectInterface(indexIn);
    const ind = indirect(item);
    if (ind.isNil) throw new GoError('index of nil pointer');
    item = ind.v as GoValue;
    switch (item.kind) {
      case 'slice': {
        const elems = item.elems ?? [];
        const x = indexArg(idx, elems.length);
        const e = elems[x];
        if (e === undefined) throw new GoError('reflect: slice index out of range');
        item = e;
        break;
      }
      case 'string': {
        const bytes = stringBytesValue(item.v);
        const x = indexArg(idx, bytes.length);
        const b = bytes[x];
        if (b === undefined) throw new GoError('reflect: string index out of range');
        item = goUint(b, UINT8);
        break;
      }
      case 'map': {
        const keyType = item.type.key ?? ANY;
        const elemType = item.type.elem ?? ANY;
        const key = prepareArg(idx, keyType) as GoValue;
        const found = item.entries?.get(mapKeyOf(key));
        item = found !== undefined ? found.value : zeroValue(elemType);
        break;
      }
      default:
        throw new GoError(`can't index item of type ${item.type.name}`);
    }
  }
  return item;
}

function slice(itemIn: Val, indexes: readonly Val[]): Val {
  const start = indirectInterface(itemIn);
  if (start === undefined) throw new GoError('slice of untyped nil');
  const ind = indirect(start);
  if (ind.isNil) throw new GoError('slice of nil pointer');
  const item = ind.v as GoValue;
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let cap: number;
  switch (item.kind) {
    case 'string':
      if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
      len = utf8Bytes(item.v).length;
      cap = len;
      break;
    case 'slice':
      len = item.elems?.length ?? 0;
      cap = len;
      break;
    default:
      throw new GoError(`can't slice item of type ${item.type.name}`);
  }
  const idx = [0, len, 0];
  indexes.forEach((v, i) => {
    idx[i] = indexArg(indirectInterface(v), cap);
  });
  const [i, j, k] = idx as [number, number, number];
  if (i > j) throw new GoError(`invalid slice index: ${i} > ${j}`);
  if (indexes.length === 3 && j > k) throw new GoError(`invalid slice index: ${j} > ${k}`);
  if (item.kind === 'string') {
    return goString(new TextDecoder().decode(utf8Bytes(item.v).slice(i, j)), item.type);
  }
  if (item.kind !== 'slice') return undefined;
  return { kind: 'slice', type: item.type, elems: (item.elems ?? []).slice(i, j) };
}

function length(itemIn: Val): number {
  const ind = indirect(itemIn);
  if (ind.isNil) throw new GoError('len of nil pointer');
  const item = ind.v;
  if (item === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  const n = lengthOf(item);
  if (n === undefined) throw new GoError(`len of type ${item.type.name}`);
  return n;
}

/** The `call` builtin; `name` is the callee as written. */
export function callFunction(name: string, fnIn: Val, args: readonly Val[], ctx: { name: string }): Val {
  const fnVal = indirectInterface(fnIn);
  if (fnVal === undefined) throw new GoError('call of nil');
  if (fnVal.kind !== 'func') throw new GoError(`non-function ${name} of type ${fnVal.type.name}`);
  const fn = fnVal.fn;
  if (fn === null) throw new GoError('call of nil');
  const numIn = fn.params.length;
  if (fn.variadic) {
    if (args.length < numIn - 1) throw new GoError(`wrong number of args for ${name}: got ${args.length} want at least ${numIn - 1}`);
  } else if (args.length !== numIn) {
    throw new GoError(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
  }
  const argv = args.map((a, i) => {
    const t = fn.variadic && i >= numIn - 1 ? fn.params[numIn - 1] : fn.params[i];
    try {
      const prepared = prepareArg(indirectInterface(a), t ?? ANY);
      return t?.kind === 'interface' ? indirectInterface(prepared) : prepared;
    } catch (e) {
      if (e instanceof GoError) throw new GoError(`arg ${i}: ${e.message}`);
      throw e;
    }
  });
  return fn.call(argv, ctx);
}

// ---- the builtin table ---------------------------------------------------------

/** A builtin's Go signature and implementation; `and`, `or` and `call` are special-cased by the executor. */
export interface Builtin extends GoFunction {
  readonly name: string;
}

function builtin(name: string, params: readonly GoType[], variadic: boolean, result: GoType, returnsError: boolean, call: GoFunction['call']): Builtin {
  return { name, params, variadic, result, returnsError, call };
}

const stringResult = (f: (args: readonly Val[]) => string): GoFunction['call'] => (args) => goString(f(args));

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  [
    builtin('and', [REFLECT_VALUE, REFLECT_VALUE], true, REFLECT_VALUE, false, (args) => {
      let v = args[0];
      for (const a of args) {
        v = a;
        if (!truth(a)) break;
      }
      return v;
    }),
    builtin('or', [REFLECT_VALUE, REFLECT_VALUE], true, REFLECT_VALUE, false, (args) => {
      let v = args[0];
      for (const a of args) {
        v = a;
        if (truth(a)) break;
      }
      return v;
    }),
    // The executor passes the callee's name (Go inserts it as a hidden first argument).
    builtin('call', [REFLECT_VALUE, REFLECT_VALUE], true, REFLECT_VALUE, true, ([fn, ...rest], ctx) => callFunction('', fn, rest, ctx)),
    builtin('html', [ANY], true, STRING, false, stringResult((args) => htmlEscape(evalArgs(args)))),
    builtin('index', [REFLECT_VALUE, REFLECT_VALUE], true, REFLECT_VALUE, true, ([item, ...rest]) => index(item, rest)),
    builtin('slice', [REFLECT_VALUE, REFLECT_VALUE], true, REFLECT_VALUE, true, ([item, ...rest]) => slice(item, rest)),
    builtin('js', [ANY], true, STRING, false, stringResult((args) => jsEscape(evalArgs(args)))),
    builtin('len', [REFLECT_VALUE], false, INT, true, ([item]) => goInt(length(item))),
    builtin('not', [REFLECT_VALUE], false, BOOL, false, ([arg]) => goBool(!truth(arg))),
    builtin('print', [ANY], true, STRING, false, stringResult((args) => sprint(args))),
    builtin('printf', [STRING, ANY], true, STRING, false, ([format, ...rest]) => goString(sprintf(format?.kind === 'string' ? format.v : '', rest))),
    builtin('println', [ANY], true, STRING, false, stringResult((args) => sprintln(args))),
    builtin('urlquery', [ANY], true, STRING, false, stringResult((args) => queryEscape(evalArgs(args)))),
    builtin('eq', [REFLECT_VALUE, REFLECT_VALUE], true, BOOL, true, ([a, ...rest]) => goBool(eq(a, rest))),
    builtin('ne', [REFLECT_VALUE, REFLECT_VALUE], false, BOOL, true, ([a, b]) => goBool(!eq(a, [b]))),
    builtin('lt', [REFLECT_VALUE, REFLECT_VALUE], false, BOOL, true, ([a, b]) => goBool(lt(a, b))),
    builtin('le', [REFLECT_VALUE, REFLECT_VALUE], false, BOOL, true, ([a, b]) => goBool(lt(a, b) || eq(a, [b]))),
    builtin('gt', [REFLECT_VALUE, REFLECT_VALUE], false, BOOL, true, ([a, b]) => goBool(!(lt(a, b) || eq(a, [b])))),
    builtin('ge', [REFLECT_VALUE, REFLECT_VALUE], false, BOOL, true, ([a, b]) => goBool(!lt(a, b))),
  ].map((b) => [b.name, b] as const),
);

