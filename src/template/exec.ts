// Execution of Go text/template trees, node by node as Go's exec.go does it:
// the same evaluation order, the same "current node" bookkeeping (which decides
// the position and context Go quotes in an error), the same unwrapping of
// interface values, argument typing of literals and pipeline values, missingkey
// behaviour, short-circuit and/or, break/continue, and error texts such as
//   template: NAME:LINE:COL: executing "NAME" at <humanize "x">: error calling humanize: ...

import type {
  ArgumentNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateCallNode,
  TemplateNode,
  TemplateTree,
  VariableNode,
  AnyNode,
} from './ast.js';
import { formatNode } from './ast.js';
import { BUILTINS, callFunction, formatValue, printableValue, sprint } from './builtins.js';
import { goQuote } from '../go/strconv.js';
import {
  STRING,
  assignableTo,
  canBeNil,
  goBool,
  goComplex,
  goFloat,
  goInt,
  goString,
  goUint,
  GoError,
  indirect,
  indirectInterface,
  isTrue,
  methodByName,
  sortedEntries,
  toGoValue,
  truth,
  utf8Bytes,
  zeroValue,
  type GoFunction,
  type GoType,
  type Val,
} from './values.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

export interface ExecuteOptions {
  /** Functions the template may call besides Go's builtins (which they override, as in Go). */
  readonly funcs?: ReadonlyMap<string, GoFunction> | Readonly<Record<string, GoFunction>>;
  /** Stop with an error once the output exceeds this many characters. */
  readonly maxOutput?: number;
  /** Go's missingkey option; Prometheus uses "zero". Default "default" (missing keys give <no value>). */
  readonly missingKey?: MissingKey;
  /** Template to execute; the tree's top-level template by default. */
  readonly name?: string;
}

export interface ExecError {
  /** Go's full text: `template: NAME:LINE:COL: executing "NAME" at <CONTEXT>: REASON`. */
  readonly message: string;
  /** The reason alone, e.g. `error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax`. */
  readonly reason: string;
  /** 1-based line and column (UTF-16 units) of the node Go blames, in the parsed text. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type ExecuteResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly error: ExecError; /** What Go had written before failing. */ readonly output: string };

/** Go's maxExecDepth (native builds). */
export const MAX_EXEC_DEPTH = 100000;

interface Variable {
  readonly name: string;
  value: Val;
}

interface Shared {
  readonly tree: TemplateTree;
  readonly funcs: ReadonlyMap<string, GoFunction>;
  readonly missingKey: MissingKey;
  readonly maxOutput: number;
  readonly out: string[];
  outLength: number;
  /** The innermost {{template}} call, for reporting runaway recursion. */
  lastCall?: { readonly state: State; readonly node: TemplateCallNode };
}

interface State {
  readonly shared: Shared;
  readonly tmplName: string;
  node: AnyNode | undefined;
  readonly vars: Variable[];
  readonly depth: number;
}

const MISSING: unique symbol = Symbol('missing value');
type Final = Val | typeof MISSING;

const BREAK: unique symbol = Symbol('break');
const CONTINUE: unique symbol = Symbol('continue');

class ExecFailure {
  constructor(
    readonly tmplName: string,
    readonly node: AnyNode | undefined,
    readonly reason: string,
  ) {}
}

class OutputLimit {
  constructor(readonly node: AnyNode | undefined, readonly tmplName: string) {}
}

function errorf(s: State, reason: string): never {
  throw new ExecFailure(s.tmplName, s.node, reason);
}

// ---- variables -----------------------------------------------------------------

function push(s: State, name: string, value: Val): void {
  s.vars.push({ name, value });
}

function setVar(s: State, name: string, value: Val): void {
  for (let i = s.vars.length - 1; i >= 0; i--) {
    const v = s.vars[i]!;
    if (v.name === name) {
      v.value = value;
      return;
    }
  }
  errorf(s, `undefined variable: ${name}`);
}

function setTopVar(s: State, n: number, value: Val): void {
  const v = s.vars[s.vars.length - n];
  if (v) v.value = value;
}

function varValue(s: State, name: string): Val {
  for (let i = s.vars.length - 1; i >= 0; i--) {
    const v = s.vars[i]!;
    if (v.name === name) return v.value;
  }
  return errorf(s, `undefined variable: ${name}`);
}

function write(s: State, text: string): void {
  const sh = s.shared;
  sh.out.push(text);
  sh.outLength += text.length;
  if (sh.outLength > sh.maxOutput) throw new OutputLimit(s.node, s.tmplName);
}

// ---- walking -------------------------------------------------------------------

function walk(s: State, dot: Val, node: TemplateNode | ListNode): void {
  s.node = node;
  switch (node.type) {
    case 'action': {
      const val = evalPipeline(s, dot, node.pipe);
      if (node.pipe.decl.length === 0) printValue(s, node, val);
      return;
    }
    case 'break':
      throw BREAK;
    case 'continue':
      throw CONTINUE;
    case 'comment':
      return;
    case 'if':
    case 'with':
      walkIfOrWith(s, node.type, dot, node.pipe, node.list, node.elseList);
      return;
    case 'list':
      for (const n of node.nodes) walk(s, dot, n);
      return;
    case 'range':
      walkRange(s, dot, node);
      return;
    case 'template':
      walkTemplate(s, dot, node);
      return;
    case 'text':
      write(s, node.text);
      return;
  }
}

function walkIfOrWith(s: State, typ: 'if' | 'with', dot: Val, pipe: PipeNode, list: ListNode, elseList: ListNode | undefined): void {
  const mark = s.vars.length;
  try {
    const val = evalPipeline(s, dot, pipe);
    const t = isTrue(indirectInterface(val));
    if (!t.ok) errorf(s, `if/with can't use ${formatValue(val)}`);
    if (t.truth) walk(s, typ === 'with' ? val : dot, list);
    else if (elseList) walk(s, dot, elseList);
  } finally {
    s.vars.length = mark;
  }
}

function walkRange(s: State, dot: Val, r: RangeNode): void {
  s.node = r;
  const outer = s.vars.length;
  try {
    const val = indirect(evalPipeline(s, dot, r.pipe)).v;
    const mark = s.vars.length;
    const decl = r.pipe.decl;
    const oneIteration = (index: Val, elem: Val): void => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) setVar(s, decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
        else setTopVar(s, 1, elem);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) setVar(s, decl[1]!.ident[0]!, elem);
        else setTopVar(s, 2, index);
      }
      try {
        walk(s, elem, r.list);
      } catch (e) {
        if (e !== CONTINUE) throw e;
      } finally {
        s.vars.length = mark;
      }
    };
    switch (val?.kind) {
      case 'int':
      case 'uint': {
        if (decl.length > 1) errorf(s, `can't use ${formatValue(val)} to iterate over more than one variable`);
        const n = val.v;
        if (n <= 0n) break;
        for (let i = 0n; i < n; i++) oneIteration(undefined, val.kind === 'int' ? goInt(i, val.type) : goUint(i, val.type));
        return;
      }
      case 'slice': {
        const elems = val.elems ?? [];
        if (elems.length === 0) break;
        elems.forEach((e, i) => oneIteration(goInt(i), e));
        return;
      }
      case 'map': {
        const entries = sortedEntries(val);
        if (entries.length === 0) break;
        for (const e of entries) oneIteration(e.key, e.value);
        return;
      }
      case undefined:
        break;
      default:
        errorf(s, `range can't iterate over ${formatValue(val)}`);
    }
    if (r.elseList) walk(s, dot, r.elseList);
  } catch (e) {
    if (e !== BREAK) throw e;
  } finally {
    s.vars.length = outer;
  }
}

function walkTemplate(s: State, dot: Val, t: TemplateCallNode): void {
  s.node = t;
  const tmpl = s.shared.tree.templates.get(t.name);
  if (tmpl === undefined) errorf(s, `template ${goQuote(t.name)} not defined`);
  if (s.depth >= MAX_EXEC_DEPTH) errorf(s, `exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
  const newDot = evalPipeline(s, dot, t.pipe);
  s.shared.lastCall = { state: s, node: t };
  // No dynamic scoping: the called template sees only $.
  const inner: State = { shared: s.shared, tmplName: t.name, node: s.node, vars: [{ name: '$', value: newDot }], depth: s.depth + 1 };
  walk(inner, newDot, tmpl.root);
}

// ---- evaluation ----------------------------------------------------------------

function evalPipeline(s: State, dot: Val, pipe: PipeNode | undefined): Val {
  if (pipe === undefined) return undefined;
  s.node = pipe;
  let value: Final = MISSING;
  for (const cmd of pipe.cmds) {
    value = evalCommand(s, dot, cmd, value);
    // An interface{} result is replaced by what it holds.
    if (value?.kind === 'interface') value = value.inner ?? undefined;
  }
  const result = value === MISSING ? undefined : value;
  for (const v of pipe.decl) {
    if (pipe.isAssign) setVar(s, v.ident[0]!, result);
    else push(s, v.ident[0]!, result);
  }
  return result;
}

function notAFunction(s: State, args: readonly ArgumentNode[] | null, final: Final): void {
  if ((args !== null && args.length > 1) || final !== MISSING) {
    errorf(s, `can't give argument to non-function ${args?.[0] ? formatNode(args[0]) : ''}`);
  }
}

function evalCommand(s: State, dot: Val, cmd: CommandNode, final: Final): Val {
  const first = cmd.args[0]!;
  switch (first.type) {
    case 'field':
      return evalFieldNode(s, dot, first, cmd.args, final);
    case 'chain':
      return evalChainNode(s, dot, first, cmd.args, final);
    case 'identifier':
      return evalFunction(s, dot, first, cmd, cmd.args, final);
    case 'pipe':
      notAFunction(s, cmd.args, final);
      return evalPipeline(s, dot, first);
    case 'variable':
      return evalVariableNode(s, dot, first, cmd.args, final);
    default:
      break;
  }
  s.node = first;
  notAFunction(s, cmd.args, final);
  switch (first.type) {
    case 'bool':
      return goBool(first.value);
    case 'dot':
      return dot;
    case 'nil':
      return errorf(s, 'nil is not a command');
    case 'number':
      return idealConstant(s, first);
    case 'string':
      return goString(first.text);
    default:
      return errorf(s, `can't evaluate command ${goQuote(formatNode(first))}`);
  }
}

function idealConstant(s: State, c: NumberNode): Val {
  s.node = c;
  if (c.isComplex) return goComplex(c.complex.re, c.complex.im);
  const isHexInt = c.text.length > 2 && c.text[0] === '0' && (c.text[1] === 'x' || c.text[1] === 'X') && !/[pP]/.test(c.text);
  const isRuneInt = c.text.startsWith("'");
  if (c.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(c.text)) return goFloat(c.float64);
  if (c.isInt) return goInt(c.int64);
  if (c.isUint) errorf(s, `${c.text} overflows int`);
  return undefined;
}

function evalFieldNode(s: State, dot: Val, field: FieldNode, args: readonly ArgumentNode[] | null, final: Final): Val {
  s.node = field;
  return evalFieldChain(s, dot, dot, field, field.ident, args, final);
}

function evalChainNode(s: State, dot: Val, chain: ChainNode, args: readonly ArgumentNode[] | null, final: Final): Val {
  s.node = chain;
  if (chain.fields.length === 0) errorf(s, 'internal error: no fields in evalChainNode');
  if (chain.node.type === 'nil') errorf(s, `indirection through explicit nil in ${formatNode(chain)}`);
  const pipe = evalArg(s, dot, null, chain.node);
  return evalFieldChain(s, dot, pipe, chain, chain.fields, args, final);
}

function evalVariableNode(s: State, dot: Val, variable: VariableNode, args: readonly ArgumentNode[] | null, final: Final): Val {
  s.node = variable;
  const value = varValue(s, variable.ident[0]!);
  if (variable.ident.length === 1) {
    notAFunction(s, args, final);
    return value;
  }
  return evalFieldChain(s, dot, value, variable, variable.ident.slice(1), args, final);
}

function evalFieldChain(
  s: State,
  dot: Val,
  receiverIn: Val,
  node: AnyNode,
  ident: readonly string[],
  args: readonly ArgumentNode[] | null,
  final: Final,
): Val {
  let receiver = receiverIn;
  const n = ident.length;
  for (let i = 0; i < n - 1; i++) receiver = evalField(s, dot, ident[i]!, node, null, MISSING, receiver);
  return evalField(s, dot, ident[n - 1]!, node, args, final, receiver);
}

function lookupFunction(s: State, name: string): { fn: GoFunction; isBuiltin: boolean } | undefined {
  const fn = s.shared.funcs.get(name);
  if (fn !== undefined) return { fn, isBuiltin: false };
  const b = BUILTINS.get(name);
  return b === undefined ? undefined : { fn: b, isBuiltin: true };
}

function evalFunction(s: State, dot: Val, node: IdentifierNode, cmd: AnyNode, args: readonly ArgumentNode[] | null, final: Final): Val {
  s.node = node;
  const found = lookupFunction(s, node.name);
  if (found === undefined) return errorf(s, `${goQuote(node.name)} is not a defined function`);
  return evalCall(s, dot, found.fn, found.isBuiltin, cmd, node.name, args, final);
}

function evalField(
  s: State,
  dot: Val,
  fieldName: string,
  node: AnyNode,
  args: readonly ArgumentNode[] | null,
  final: Final,
  receiverIn: Val,
): Val {
  if (receiverIn === undefined) {
    if (s.shared.missingKey === 'error') errorf(s, `nil data; no entry for key ${goQuote(fieldName)}`);
    return undefined;
  }
  const typ = receiverIn.type;
  const { v, isNil } = indirect(receiverIn);
  const receiver = v!;
  if (receiver.kind === 'interface' && isNil) errorf(s, `nil pointer evaluating ${typ.name}.${fieldName}`);
  const method = methodByName(receiver, fieldName);
  if (method !== undefined) return evalCall(s, dot, method, false, node, fieldName, args, final);
  const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
  switch (receiver.kind) {
    case 'struct': {
      const i = (receiver.type.fields ?? []).findIndex((f) => f.name === fieldName);
      if (i >= 0) {
        if (hasArgs) errorf(s, `${fieldName} has arguments but cannot be invoked as function`);
        return receiver.fields[i];
      }
      break;
    }
    case 'map': {
      const keyType = receiver.type.key;
      if (keyType !== undefined && assignableTo(STRING, keyType)) {
        if (hasArgs) errorf(s, `${fieldName} is not a method but has arguments`);
        const entry = receiver.entries?.get(fieldName);
        if (entry !== undefined) return entry.value;
        switch (s.shared.missingKey) {
          case 'zero':
            return zeroValue(receiver.type.elem ?? STRING);
          case 'error':
            return errorf(s, `map has no entry for key ${goQuote(fieldName)}`);
          default:
            return undefined;
        }
      }
      break;
    }
    case 'ptr': {
      const etyp = receiver.type.elem;
      if (etyp?.kind === 'struct' && !(etyp.fields ?? []).some((f) => f.name === fieldName)) break;
      if (isNil) errorf(s, `nil pointer evaluating ${typ.name}.${fieldName}`);
      break;
    }
    default:
      break;
  }
  return errorf(s, `can't evaluate field ${fieldName} in type ${typ.name}`);
}

function evalCall(
  s: State,
  dot: Val,
  fn: GoFunction,
  isBuiltin: boolean,
  node: AnyNode,
  name: string,
  argsIn: readonly ArgumentNode[] | null,
  final: Final,
): Val {
  const args = argsIn === null ? [] : argsIn.slice(1);
  const params = fn.params;
  const numIn = args.length + (final !== MISSING ? 1 : 0);
  let numFixed = args.length;
  if (fn.variadic) {
    numFixed = params.length - 1;
    if (numIn < numFixed) errorf(s, `wrong number of args for ${name}: want at least ${params.length - 1} got ${args.length}`);
  } else if (numIn !== params.length) {
    errorf(s, `wrong number of args for ${name}: want ${params.length} got ${numIn}`);
  }

  // and/or evaluate their arguments lazily and return one of them.
  if (isBuiltin && (name === 'and' || name === 'or')) {
    const argType = params[0]!;
    let v: Val;
    for (const arg of args) {
      v = evalArg(s, dot, argType, arg);
      if (truth(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = validateType(s, final, argType);
    return v;
  }

  const paramAt = (k: number): GoType => (fn.variadic && k >= params.length - 1 ? params[params.length - 1]! : params[k]!);
  const argv: Val[] = [];
  let i = 0;
  for (; i < numFixed && i < args.length; i++) argv.push(evalArg(s, dot, params[i]!, args[i]!));
  if (fn.variadic) for (; i < args.length; i++) argv.push(evalArg(s, dot, paramAt(i), args[i]!));
  if (final !== MISSING) {
    let t = params[params.length - 1]!;
    if (fn.variadic && numIn - 1 < numFixed) t = params[numIn - 1]!;
    argv.push(validateType(s, final, t));
  }
  // What the Go function receives: interface{} parameters get the dynamic value.
  const passed = argv.map((v, k) => (paramAt(k).kind === 'interface' ? indirectInterface(v) : v));
  try {
    if (isBuiltin && name === 'call') {
      const callee = args.length === 0 ? calleeNameOf(final) : formatNode(args[0]!);
      return callFunction(callee, passed[0], passed.slice(1), { name });
    }
    return fn.call(passed, { name });
  } catch (e) {
    if (e instanceof GoError) {
      s.node = node;
      errorf(s, `error calling ${name}: ${e.message}`);
    }
    throw e;
  }
}

function calleeNameOf(final: Final): string {
  if (final === MISSING || final === undefined) return '<invalid Value>';
  return final.kind === 'string' ? final.v : `<${final.type.name} Value>`;
}

/** Go's validateType: the value made assignable to typ (null: any type), or an execution error. */
function validateType(s: State, value: Val, typ: GoType | null): Val {
  if (value === undefined) {
    if (typ === null) return undefined;
    if (canBeNil(typ)) return typ.reflectValue ? undefined : zeroValue(typ);
    return errorf(s, `invalid value; expected ${typ.name}`);
  }
  if (typ === null || typ.reflectValue) return value;
  let v = value;
  if (!assignableTo(v.type, typ)) {
    if (v.kind === 'interface' && v.inner !== null) {
      v = v.inner;
      if (assignableTo(v.type, typ)) return v;
    }
    if (v.kind === 'ptr' && v.type.elem !== undefined && assignableTo(v.type.elem, typ)) {
      if (v.target === null) return errorf(s, `dereference of nil pointer of type ${typ.name}`);
      v = v.target;
    } else {
      return errorf(s, `wrong type for value; expected ${typ.name}; got ${v.type.name}`);
    }
  }
  return v;
}

function evalArg(s: State, dot: Val, typ: GoType | null, n: ArgumentNode): Val {
  s.node = n;
  switch (n.type) {
    case 'dot':
      return validateType(s, dot, typ);
    case 'nil':
      if (typ !== null && canBeNil(typ)) return typ.reflectValue ? undefined : zeroValue(typ);
      return errorf(s, `cannot assign nil to ${typ?.name ?? '<nil>'}`);
    case 'field':
      return validateType(s, evalFieldNode(s, dot, n, [n], MISSING), typ);
    case 'variable':
      return validateType(s, evalVariableNode(s, dot, n, null, MISSING), typ);
    case 'pipe':
      return validateType(s, evalPipeline(s, dot, n), typ);
    case 'identifier':
      return validateType(s, evalFunction(s, dot, n, n, null, MISSING), typ);
    case 'chain':
      return validateType(s, evalChainNode(s, dot, n, null, MISSING), typ);
    default:
      break;
  }
  if (typ === null) return errorf(s, `can't handle ${formatNode(n)} for arg of type <nil>`);
  switch (typ.kind) {
    case 'bool':
      s.node = n;
      if (n.type === 'bool') return goBool(n.value, typ);
      return errorf(s, `expected bool; found ${formatNode(n)}`);
    case 'complex':
      if (n.type === 'number' && n.isComplex) return { kind: 'complex', type: typ, re: n.complex.re, im: n.complex.im };
      return errorf(s, `expected complex; found ${formatNode(n)}`);
    case 'float':
      s.node = n;
      if (n.type === 'number' && n.isFloat) return goFloat(n.float64, typ);
      return errorf(s, `expected float; found ${formatNode(n)}`);
    case 'int':
      s.node = n;
      if (n.type === 'number' && n.isInt) return goInt(n.int64, typ);
      return errorf(s, `expected integer; found ${formatNode(n)}`);
    case 'uint':
      s.node = n;
      if (n.type === 'number' && n.isUint) return goUint(n.uint64, typ);
      return errorf(s, `expected unsigned integer; found ${formatNode(n)}`);
    case 'string':
      s.node = n;
      if (n.type === 'string') return goString(n.text, typ);
      return errorf(s, `expected string; found ${formatNode(n)}`);
    case 'interface':
      return evalEmptyInterface(s, dot, n);
    case 'struct':
      if (typ.reflectValue) return evalEmptyInterface(s, dot, n);
      break;
    default:
      break;
  }
  return errorf(s, `can't handle ${formatNode(n)} for arg of type ${typ.name}`);
}

function evalEmptyInterface(s: State, dot: Val, n: ArgumentNode): Val {
  s.node = n;
  switch (n.type) {
    case 'bool':
      return goBool(n.value);
    case 'dot':
      return dot;
    case 'field':
      return evalFieldNode(s, dot, n, null, MISSING);
    case 'identifier':
      return evalFunction(s, dot, n, n, null, MISSING);
    case 'nil':
      return errorf(s, "evalEmptyInterface: nil (can't happen)");
    case 'number':
      return idealConstant(s, n);
    case 'string':
      return goString(n.text);
    case 'variable':
      return evalVariableNode(s, dot, n, null, MISSING);
    case 'pipe':
      return evalPipeline(s, dot, n);
    default:
      return errorf(s, `can't handle assignment of ${formatNode(n)} to empty interface argument`);
  }
}

function printValue(s: State, node: AnyNode, v: Val): void {
  s.node = node;
  const p = printableValue(v);
  if (!p.ok) errorf(s, `can't print ${formatNode(node)} of type ${v?.type.name ?? '<nil>'}`);
  write(s, sprint([p.value]));
}

// ---- errors and entry point ----------------------------------------------------------

function utf8Length(s: string): number {
  return utf8Bytes(s).length;
}

/** Go's ErrorContext (byte column, the node's text in full) plus exec's errorf prefix. */
function goErrorText(tree: TemplateTree, tmplName: string, node: AnyNode | undefined, reason: string): string {
  if (node === undefined) return `template: ${tmplName}: ${reason}`;
  const before = tree.text.slice(0, node.pos);
  const nl = before.lastIndexOf('\n');
  const lineNum = before.split('\n').length;
  const byteNum = nl < 0 ? utf8Length(before) : utf8Length(before.slice(nl + 1));
  const context = formatNode(node);
  return `template: ${tree.name}:${lineNum}:${byteNum}: executing ${goQuote(tmplName)} at <${context}>: ${reason}`;
}

function makeError(tree: TemplateTree, tmplName: string, node: AnyNode | undefined, reason: string): ExecError {
  const pos = node?.pos ?? 0;
  const before = tree.text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  return {
    message: goErrorText(tree, tmplName, node, reason),
    reason,
    line: before.split('\n').length,
    column: pos - (nl + 1) + 1,
    offset: pos,
  };
}

function toFuncMap(funcs: ExecuteOptions['funcs']): ReadonlyMap<string, GoFunction> {
  if (funcs === undefined) return new Map();
  if (funcs instanceof Map) return funcs as ReadonlyMap<string, GoFunction>;
  return new Map(Object.entries(funcs as Readonly<Record<string, GoFunction>>));
}

/**
 * Executes a parsed template against `data` (a GoValue, or plain JS converted
 * by toGoValue) the way Go's Template.Execute does.
 */
export function executeTemplate(tree: TemplateTree, data: unknown, opts: ExecuteOptions = {}): ExecuteResult {
  const name = opts.name ?? tree.name;
  const shared: Shared = {
    tree,
    funcs: toFuncMap(opts.funcs),
    missingKey: opts.missingKey ?? 'default',
    maxOutput: opts.maxOutput ?? Infinity,
    out: [],
    outLength: 0,
  };
  const def = tree.templates.get(name);
  if (def === undefined) {
    const message = `template: no template ${goQuote(name)} associated with template ${goQuote(tree.name)}`;
    return { ok: false, error: { message, reason: message, line: 1, column: 1, offset: 0 }, output: '' };
  }
  const dot = toGoValue(data);
  const state: State = { shared, tmplName: name, node: undefined, vars: [{ name: '$', value: dot }], depth: 0 };
  try {
    walk(state, dot, def.root);
  } catch (e) {
    const output = shared.out.join('');
    if (e instanceof ExecFailure) return { ok: false, error: makeError(tree, e.tmplName, e.node, e.reason), output };
    if (e instanceof OutputLimit) {
      return { ok: false, error: makeError(tree, e.tmplName, e.node, `template output exceeds ${shared.maxOutput} characters`), output };
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // Go would recurse to maxExecDepth and report that.
      const last = shared.lastCall;
      const reason = last ? `exceeded maximum template depth (${MAX_EXEC_DEPTH})` : 'template nesting too deep';
      return { ok: false, error: makeError(tree, last?.state.tmplName ?? name, last?.node, reason), output };
    }
    throw e;
  }
  return { ok: true, output: shared.out.join('') };
}
