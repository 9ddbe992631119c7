// Recursive-descent parser for Go text/template. It follows the decisions of
// Go's parse package (token look-ahead, variable scoping, which token an error
// is reported at) so that messages and line numbers match what promtool and
// Alertmanager print for the same input.

import type {
  ArgumentNode,
  BreakNode,
  CommandNode,
  ContinueNode,
  ListNode,
  PipeNode,
  TemplateCallNode,
  TemplateDefinition,
  TemplateNode,
  TemplateTree,
  VariableNode,
} from './ast.js';
import { formatNode } from './ast.js';
import { GO_BUILTIN_TEMPLATE_FUNCTIONS } from './functions.js';
import { describeToken, lexTemplate, type Token, type TokenKind } from './lex.js';
import { parseNumberLiteral } from './number.js';
import { goQuote, goUnquote } from '../go/strconv.js';

export type * from './ast.js';
export { formatNode } from './ast.js';

export interface TemplateParseOptions {
  /** Template name, used for `{{define}}` clashes and in "action started at NAME:LINE" messages. */
  name?: string;
  /** Functions available to the template, in addition to Go's builtins (and, or, printf, ...). */
  funcs: ReadonlySet<string>;
  leftDelim?: string;
  rightDelim?: string;
  /** Variables (with "$") visible in the top-level template besides "$"; not inside {{define}} bodies. */
  variables?: readonly string[];
  /** Keep comments as 'comment' nodes (Go's ParseComments mode). */
  parseComments?: boolean;
  /** Accept calls to unknown functions (Go's SkipFuncCheck mode). */
  skipFuncCheck?: boolean;
}

/** line and column are 1-based; column and offset count UTF-16 code units. */
export interface TemplateError {
  message: string;
  line: number;
  column: number;
  offset: number;
}

export type TemplateParseResult = { ok: true; tree: TemplateTree } | { ok: false; error: TemplateError };

// Go's limits: parenthesis nesting (we use the lower wasm value, which keeps the
// JS stack safe) and commands per pipeline.
const MAX_STACK_DEPTH = 1000;
const MAX_PIPELINE_CMDS = 100_000;

interface Shared {
  readonly text: string;
  readonly tokens: readonly Token[];
  index: number;
  readonly lineStarts: readonly number[];
  readonly funcs: ReadonlySet<string>;
  readonly checkFuncs: boolean;
  readonly parseName: string;
  readonly treeSet: Map<string, TemplateDefinition>;
}

/** Per-template parse state; {{define}} and {{block}} bodies get their own, as in Go. */
interface TreeParser {
  readonly shared: Shared;
  name: string;
  // Three-token look-ahead buffer; buf[0] is always the most recently lexed
  // token, which is where Go reports errors.
  readonly buf: Token[];
  peekCount: number;
  readonly vars: string[];
  rangeDepth: number;
  actionLine: number;
  stackDepth: number;
}

/**
 * {{end}} and {{else}} terminate item lists and never reach the tree. pos is
 * Go's (an else list starts there); keyword locates the word for error reports.
 */
type Marker =
  | { readonly type: 'end'; readonly pos: number; readonly keyword: number }
  | { readonly type: 'else'; readonly pos: number; readonly keyword: number };

const FAILURE: unique symbol = Symbol('template parse failure');

interface Failure {
  readonly [FAILURE]: true;
  readonly message: string;
  readonly offset: number;
}

function isFailure(e: unknown): e is Failure {
  return typeof e === 'object' && e !== null && FAILURE in e;
}

// Parsing stops at the first error, exactly like Go's panic/recover; a thrown
// plain record keeps every production free of error plumbing.
//
// Go reports the line of the most recently scanned token (buf[0]), which after
// look-ahead can be the token following the culprit. We keep Go's line so that
// formatTemplateError matches promtool, but point at the culprit itself when
// it is on that same line, which is nearly always.
function errorf(p: TreeParser, message: string, culprit?: number): never {
  const reported = p.buf[0]?.pos ?? 0;
  const offset = culprit !== undefined && lineOf(p, culprit) === lineOf(p, reported) ? culprit : reported;
  const failure: Failure = { [FAILURE]: true, message, offset };
  throw failure;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndex(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column of an offset in text. */
export function locateOffset(text: string, offset: number): { line: number; column: number } {
  const starts = computeLineStarts(text);
  const i = lineIndex(starts, offset);
  return { line: i + 1, column: offset - (starts[i] ?? 0) + 1 };
}

function errorAt(lineStarts: readonly number[], offset: number, message: string): TemplateError {
  const i = lineIndex(lineStarts, offset);
  return { message, line: i + 1, column: offset - (lineStarts[i] ?? 0) + 1, offset };
}

/** The text Go's text/template would print for this error: `template: NAME:LINE: MESSAGE`. */
export function formatTemplateError(error: TemplateError, name: string): string {
  return `template: ${name}:${error.line}: ${error.message}`;
}

function lineOf(p: TreeParser, pos: number): number {
  return lineIndex(p.shared.lineStarts, pos) + 1;
}

// ---- token stream ----------------------------------------------------------

function lexNext(shared: Shared): Token {
  const token = shared.tokens[shared.index];
  if (token === undefined) return { kind: 'eof', pos: shared.text.length, value: '' };
  shared.index++;
  return token;
}

function bufAt(p: TreeParser, i: number): Token {
  const token = p.buf[i];
  if (token === undefined) throw new Error('template parser: empty look-ahead slot');
  return token;
}

function next(p: TreeParser): Token {
  if (p.peekCount > 0) p.peekCount--;
  else p.buf[0] = lexNext(p.shared);
  return bufAt(p, p.peekCount);
}

function backup(p: TreeParser): void {
  p.peekCount++;
}

function backup2(p: TreeParser, t1: Token): void {
  p.buf[1] = t1;
  p.peekCount = 2;
}

// Arguments in reverse order: we are pushing tokens back.
function backup3(p: TreeParser, t2: Token, t1: Token): void {
  p.buf[1] = t1;
  p.buf[2] = t2;
  p.peekCount = 3;
}

function peek(p: TreeParser): Token {
  if (p.peekCount > 0) return bufAt(p, p.peekCount - 1);
  p.peekCount = 1;
  p.buf[0] = lexNext(p.shared);
  return p.buf[0];
}

function nextNonSpace(p: TreeParser): Token {
  let token = next(p);
  while (token.kind === 'space') token = next(p);
  return token;
}

function peekNonSpace(p: TreeParser): Token {
  const token = nextNonSpace(p);
  backup(p);
  return token;
}

function unexpected(p: TreeParser, token: Token, context: string): never {
  if (token.kind === 'error') {
    let extra = '';
    if (p.actionLine !== 0 && p.actionLine !== lineOf(p, token.pos)) {
      extra = ` in action started at ${p.shared.parseName}:${p.actionLine}`;
      // Avoid "unclosed action in action started at ...".
      if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
    }
    errorf(p, token.value + extra, token.pos);
  }
  errorf(p, `unexpected ${describeToken(token)} in ${context}`, token.pos);
}

function expect(p: TreeParser, kind: TokenKind, context: string): Token {
  const token = nextNonSpace(p);
  if (token.kind !== kind) unexpected(p, token, context);
  return token;
}

function expectOneOf(p: TreeParser, a: TokenKind, b: TokenKind, context: string): Token {
  const token = nextNonSpace(p);
  if (token.kind !== a && token.kind !== b) unexpected(p, token, context);
  return token;
}

// ---- trees -----------------------------------------------------------------

function newTreeParser(shared: Shared, name: string, vars: readonly string[] = ['$']): TreeParser {
  return { shared, name, buf: [], peekCount: 0, vars: [...vars], rangeDepth: 0, actionLine: 0, stackDepth: 0 };
}

/** Go's IsEmptyTree: only whitespace text and comments. */
export function isEmptyList(list: ListNode): boolean {
  return list.nodes.every(
    (n) => n.type === 'comment' || (n.type === 'text' && /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/.test(n.text)),
  );
}

function addTree(p: TreeParser, root: ListNode, namePos?: number): void {
  const existing = p.shared.treeSet.get(p.name);
  if (existing === undefined || isEmptyList(existing.root)) {
    p.shared.treeSet.set(p.name, { name: p.name, root });
    return;
  }
  if (!isEmptyList(root)) errorf(p, `template: multiple definition of template ${goQuote(p.name)}`, namePos);
}

function markerString(m: Marker): string {
  return `{{${m.type}}}`;
}

function unquoteOrFail(p: TreeParser, token: Token): string {
  const s = goUnquote(token.value);
  if (s === undefined) errorf(p, 'invalid syntax', token.pos);
  return s;
}

/** Top level: like itemList, but runs to EOF and also accepts {{define}}. */
function parseTopLevel(p: TreeParser): ListNode {
  const nodes: TemplateNode[] = [];
  const root: ListNode = { type: 'list', pos: peek(p).pos, nodes };
  while (peek(p).kind !== 'eof') {
    if (peek(p).kind === 'leftDelim') {
      const delim = next(p);
      if (nextNonSpace(p).kind === 'define') {
        parseDefinition(newTreeParser(p.shared, 'definition'));
        continue;
      }
      backup2(p, delim);
    }
    const n = textOrAction(p);
    if (n.type === 'end' || n.type === 'else') errorf(p, `unexpected ${markerString(n)}`, n.keyword);
    nodes.push(n);
  }
  return root;
}

function parseDefinition(p: TreeParser): void {
  const context = 'define clause';
  const name = expectOneOf(p, 'string', 'rawString', context);
  p.name = unquoteOrFail(p, name);
  expect(p, 'rightDelim', context);
  const [root, end] = itemList(p);
  if (end.type !== 'end') errorf(p, `unexpected ${markerString(end)} in ${context}`, end.keyword);
  addTree(p, root, name.pos);
}

/** textOrAction* up to {{end}} or {{else}}, which is returned separately. */
function itemList(p: TreeParser): [ListNode, Marker] {
  const nodes: TemplateNode[] = [];
  const list: ListNode = { type: 'list', pos: peekNonSpace(p).pos, nodes };
  while (peekNonSpace(p).kind !== 'eof') {
    const n = textOrAction(p);
    if (n.type === 'end' || n.type === 'else') return [list, n];
    nodes.push(n);
  }
  return errorf(p, 'unexpected EOF');
}

function textOrAction(p: TreeParser): TemplateNode | Marker {
  const token = nextNonSpace(p);
  switch (token.kind) {
    case 'text':
      return { type: 'text', pos: token.pos, text: token.value };
    case 'leftDelim':
      // Remembered so lexer errors far from the action's start can say where it began.
      p.actionLine = lineOf(p, token.pos);
      try {
        return action(p);
      } finally {
        p.actionLine = 0;
      }
    case 'comment':
      return { type: 'comment', pos: token.pos, text: token.value };
    default:
      return unexpected(p, token, 'input');
  }
}

function action(p: TreeParser): TemplateNode | Marker {
  const token = nextNonSpace(p);
  switch (token.kind) {
    case 'block':
      return blockControl(p);
    case 'break':
      return loopControl(p, token.pos, 'break');
    case 'continue':
      return loopControl(p, token.pos, 'continue');
    case 'else':
      return elseControl(p, token.pos);
    case 'end':
      return { type: 'end', pos: expect(p, 'rightDelim', 'end').pos, keyword: token.pos };
    case 'if':
      return { type: 'if', ...parseControl(p, 'if') };
    case 'range':
      return { type: 'range', ...parseControl(p, 'range') };
    case 'template':
      return templateControl(p);
    case 'with':
      return { type: 'with', ...parseControl(p, 'with') };
    default:
      break;
  }
  backup(p);
  const first = peek(p);
  // Variables declared here stay visible until the enclosing {{end}}.
  return { type: 'action', pos: first.pos, pipe: pipeline(p, 'command', 'rightDelim') };
}

function loopControl(p: TreeParser, pos: number, word: 'break' | 'continue'): BreakNode | ContinueNode {
  const token = nextNonSpace(p);
  if (token.kind !== 'rightDelim') unexpected(p, token, `{{${word}}}`);
  if (p.rangeDepth === 0) errorf(p, `{{${word}}} outside {{range}}`, pos);
  return { type: word, pos };
}

function elseControl(p: TreeParser, keyword: number): Marker {
  // "{{else if ...}}" and "{{else with ...}}" leave the keyword pending for parseControl.
  const ahead = peekNonSpace(p);
  if (ahead.kind === 'if' || ahead.kind === 'with') return { type: 'else', pos: ahead.pos, keyword };
  return { type: 'else', pos: expect(p, 'rightDelim', 'else').pos, keyword };
}

interface ControlParts {
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList?: ListNode;
}

function parseControl(p: TreeParser, context: 'if' | 'range' | 'with'): ControlParts {
  const scope = p.vars.length;
  try {
    const pipe = pipeline(p, context, 'rightDelim');
    if (context === 'range') p.rangeDepth++;
    const [list, next1] = itemList(p);
    if (context === 'range') p.rangeDepth--;
    if (next1.type === 'end') return { pos: pipe.pos, pipe, list };
    // {{if a}}x{{else if b}}y{{end}} is parsed as {{if a}}x{{else}}{{if b}}y{{end}}{{end}},
    // the inner {{end}} being shared; likewise for with.
    if (context === 'if' && peek(p).kind === 'if') {
      next(p);
      return { pos: pipe.pos, pipe, list, elseList: { type: 'list', pos: next1.pos, nodes: [{ type: 'if', ...parseControl(p, 'if') }] } };
    }
    if (context === 'with' && peek(p).kind === 'with') {
      next(p);
      return { pos: pipe.pos, pipe, list, elseList: { type: 'list', pos: next1.pos, nodes: [{ type: 'with', ...parseControl(p, 'with') }] } };
    }
    const [elseList, next2] = itemList(p);
    if (next2.type !== 'end') errorf(p, `expected end; found ${markerString(next2)}`, next2.keyword);
    return { pos: pipe.pos, pipe, list, elseList };
  } finally {
    // Declarations made in the pipeline or the body end with the control structure.
    p.vars.length = scope;
  }
}

function parseTemplateName(p: TreeParser, token: Token, context: string): string {
  if (token.kind === 'string' || token.kind === 'rawString') return unquoteOrFail(p, token);
  return unexpected(p, token, context);
}

function blockControl(p: TreeParser): TemplateCallNode {
  const context = 'block clause';
  const token = nextNonSpace(p);
  const name = parseTemplateName(p, token, context);
  const pipe = pipeline(p, context, 'rightDelim');
  const body = newTreeParser(p.shared, name);
  const [root, end] = itemList(body);
  if (end.type !== 'end') errorf(p, `unexpected ${markerString(end)} in ${context}`, end.keyword);
  addTree(body, root, token.pos);
  return { type: 'template', pos: token.pos, name, pipe };
}

function templateControl(p: TreeParser): TemplateCallNode {
  const context = 'template clause';
  const token = nextNonSpace(p);
  const name = parseTemplateName(p, token, context);
  if (nextNonSpace(p).kind === 'rightDelim') return { type: 'template', pos: token.pos, name };
  backup(p);
  return { type: 'template', pos: token.pos, name, pipe: pipeline(p, context, 'rightDelim') };
}

const OPERAND_START: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

function declare(p: TreeParser, decl: VariableNode[], v: Token): void {
  decl.push({ type: 'variable', pos: v.pos, ident: [v.value] });
  p.vars.push(v.value);
}

/** declarations? command ('|' command)* */
function pipeline(p: TreeParser, context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
  const pos = peekNonSpace(p).pos;
  const decl: VariableNode[] = [];
  const cmds: CommandNode[] = [];
  let isAssign = false;
  for (let v = peekNonSpace(p); v.kind === 'variable'; v = peekNonSpace(p)) {
    next(p);
    // "$x foo" versus "$x := foo": the token after the variable must be pushed
    // back if this is not a declaration, hence the three-token look-ahead.
    const afterVariable = peek(p);
    const ahead = peekNonSpace(p);
    if (ahead.kind === 'assign' || ahead.kind === 'declare') {
      isAssign = ahead.kind === 'assign';
      nextNonSpace(p);
      declare(p, decl, v);
      break;
    }
    if (ahead.kind === 'char' && ahead.value === ',') {
      nextNonSpace(p);
      declare(p, decl, v);
      if (context === 'range' && decl.length < 2) {
        const k = peekNonSpace(p).kind;
        // The second variable of "range $i, $v := ...".
        if (k === 'variable' || k === 'rightDelim' || k === 'rightParen') continue;
        errorf(p, 'range can only initialize variables');
      }
      errorf(p, `too many declarations in ${context}`);
    }
    if (afterVariable.kind === 'space') backup3(p, v, afterVariable);
    else backup2(p, v);
    break;
  }
  for (;;) {
    const token = nextNonSpace(p);
    if (token.kind === end) {
      checkPipeline(p, cmds, context);
      return { type: 'pipe', pos, isAssign, decl, cmds };
    }
    if (!OPERAND_START.has(token.kind)) unexpected(p, token, context);
    backup(p);
    cmds.push(command(p));
    if (cmds.length > MAX_PIPELINE_CMDS) errorf(p, 'pipeline too long');
  }
}

const NON_EXECUTABLE: ReadonlySet<string> = new Set(['bool', 'dot', 'nil', 'number', 'string']);

function checkPipeline(p: TreeParser, cmds: readonly CommandNode[], context: string): void {
  if (cmds.length === 0) errorf(p, `missing value for ${context}`);
  // Only the first stage may be a constant; later stages receive the previous result.
  cmds.forEach((c, i) => {
    if (i > 0 && NON_EXECUTABLE.has(c.args[0]?.type ?? '')) errorf(p, `non executable command in pipeline stage ${i + 1}`, c.pos);
  });
}

/** operand (space operand)*, up to '|' (consumed) or a closing delimiter (left in place). */
function command(p: TreeParser): CommandNode {
  const args: ArgumentNode[] = [];
  const cmd: CommandNode = { type: 'command', pos: peekNonSpace(p).pos, args };
  for (;;) {
    peekNonSpace(p);
    const arg = operand(p);
    if (arg !== undefined) args.push(arg);
    const token = next(p);
    if (token.kind === 'space') continue;
    if (token.kind === 'rightDelim' || token.kind === 'rightParen') backup(p);
    else if (token.kind !== 'pipe') unexpected(p, token, 'operand');
    break;
  }
  if (args.length === 0) errorf(p, 'empty command');
  return cmd;
}

/** term .Field* */
function operand(p: TreeParser): ArgumentNode | undefined {
  const node = term(p);
  if (node === undefined || peek(p).kind !== 'field') return node;
  // Go positions the combined node at its first chained field.
  const pos = peek(p).pos;
  const fields: string[] = [];
  while (peek(p).kind === 'field') fields.push(next(p).value.slice(1));
  switch (node.type) {
    case 'field':
      return { type: 'field', pos, ident: [...node.ident, ...fields] };
    case 'variable':
      return { type: 'variable', pos, ident: [...node.ident, ...fields] };
    case 'bool':
    case 'string':
    case 'number':
    case 'nil':
    case 'dot':
      return errorf(p, `unexpected . after term ${goQuote(formatNode(node))}`, node.pos);
    default:
      return { type: 'chain', pos, node, fields };
  }
}

function term(p: TreeParser): ArgumentNode | undefined {
  const token = nextNonSpace(p);
  switch (token.kind) {
    case 'identifier':
      if (p.shared.checkFuncs && !p.shared.funcs.has(token.value)) {
        errorf(p, `function ${goQuote(token.value)} not defined`, token.pos);
      }
      return { type: 'identifier', pos: token.pos, name: token.value };
    case 'dot':
      return { type: 'dot', pos: token.pos };
    case 'nil':
      return { type: 'nil', pos: token.pos };
    case 'variable':
      if (!p.vars.includes(token.value)) errorf(p, `undefined variable ${goQuote(token.value)}`, token.pos);
      return { type: 'variable', pos: token.pos, ident: [token.value] };
    case 'field':
      return { type: 'field', pos: token.pos, ident: [token.value.slice(1)] };
    case 'bool':
      return { type: 'bool', pos: token.pos, value: token.value === 'true' };
    case 'charConstant':
    case 'complex':
    case 'number': {
      const n = parseNumberLiteral(token.value, token.kind);
      if (!n.ok) return errorf(p, n.message, token.pos);
      return { type: 'number', pos: token.pos, text: token.value, ...n.value };
    }
    case 'leftParen':
      if (p.stackDepth >= MAX_STACK_DEPTH) errorf(p, 'max expression depth exceeded');
      p.stackDepth++;
      try {
        return pipeline(p, 'parenthesized pipeline', 'rightParen');
      } finally {
        p.stackDepth--;
      }
    case 'string':
    case 'rawString':
      return { type: 'string', pos: token.pos, quoted: token.value, text: unquoteOrFail(p, token) };
    default:
      backup(p);
      return undefined;
  }
}

/**
 * Parses a Go text/template. On success the tree holds the top-level template
 * and every {{define}}/{{block}}; on failure the first error, worded as Go's.
 */
export function parseTemplate(text: string, options: TemplateParseOptions): TemplateParseResult {
  const funcs = new Set([...GO_BUILTIN_TEMPLATE_FUNCTIONS, ...options.funcs]);
  const name = options.name ?? '';
  const tokens = lexTemplate(text, {
    leftDelim: options.leftDelim,
    rightDelim: options.rightDelim,
    emitComments: options.parseComments ?? false,
    breakOK: !funcs.has('break'),
    continueOK: !funcs.has('continue'),
  });
  const shared: Shared = {
    text,
    tokens,
    index: 0,
    lineStarts: computeLineStarts(text),
    funcs,
    checkFuncs: !(options.skipFuncCheck ?? false),
    parseName: name,
    treeSet: new Map(),
  };
  const top = newTreeParser(shared, name, ['$', ...(options.variables ?? [])]);
  try {
    const root = parseTopLevel(top);
    addTree(top, root);
    return { ok: true, tree: { name, text, root, templates: shared.treeSet } };
  } catch (e) {
    if (isFailure(e)) return { ok: false, error: errorAt(shared.lineStarts, e.offset, e.message) };
    // Control structures nest by recursion; absurd nesting exhausts the JS stack.
    if (e instanceof RangeError) {
      const offset = tokens[Math.max(0, shared.index - 1)]?.pos ?? 0;
      return { ok: false, error: errorAt(shared.lineStarts, offset, 'template nesting too deep') };
    }
    throw e;
  }
}
