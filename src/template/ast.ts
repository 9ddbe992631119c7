// Parse tree for Go text/template. Plain data, shaped after Go's parse
// package so that a future executor can follow Go's evaluation rules node by
// node. Every `pos` is what Go's Node.Position() reports (an offset into the
// parsed text, in UTF-16 code units rather than bytes): execution errors quote
// positions, so keeping Go's choice of position matters for parity.

import { goQuote } from '../go/strconv.js';

export interface ListNode {
  readonly type: 'list';
  readonly pos: number;
  readonly nodes: readonly TemplateNode[];
}

export interface TextNode {
  readonly type: 'text';
  readonly pos: number;
  readonly text: string;
}

/** Only present when parsing with `parseComments`. Text includes the slash-star markers. */
export interface CommentNode {
  readonly type: 'comment';
  readonly pos: number;
  readonly text: string;
}

export interface ActionNode {
  readonly type: 'action';
  readonly pos: number;
  readonly pipe: PipeNode;
}

interface BranchFields {
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  /** `{{else if}}` / `{{else with}}` appear here as a list holding one nested if/with node. */
  readonly elseList?: ListNode;
}

export interface IfNode extends BranchFields {
  readonly type: 'if';
}

export interface RangeNode extends BranchFields {
  readonly type: 'range';
}

export interface WithNode extends BranchFields {
  readonly type: 'with';
}

/** `{{template "name" pipeline}}`; a `{{block}}` becomes one of these plus a definition. */
export interface TemplateCallNode {
  readonly type: 'template';
  readonly pos: number;
  readonly name: string;
  readonly pipe?: PipeNode;
}

export interface BreakNode {
  readonly type: 'break';
  readonly pos: number;
}

export interface ContinueNode {
  readonly type: 'continue';
  readonly pos: number;
}

export type TemplateNode =
  | TextNode
  | CommentNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateCallNode
  | BreakNode
  | ContinueNode;

export interface PipeNode {
  readonly type: 'pipe';
  readonly pos: number;
  /** True for `$x = ...` (assignment), false for `$x := ...` (declaration). */
  readonly isAssign: boolean;
  readonly decl: readonly VariableNode[];
  readonly cmds: readonly CommandNode[];
}

export interface CommandNode {
  readonly type: 'command';
  readonly pos: number;
  readonly args: readonly ArgumentNode[];
}

/** A function name; the parser has checked that it is defined. */
export interface IdentifierNode {
  readonly type: 'identifier';
  readonly pos: number;
  readonly name: string;
}

/** `$x.Field.Sub`: ident[0] is the variable name including "$". */
export interface VariableNode {
  readonly type: 'variable';
  readonly pos: number;
  readonly ident: readonly string[];
}

/** `.Field.Sub` as ["Field", "Sub"]. */
export interface FieldNode {
  readonly type: 'field';
  readonly pos: number;
  readonly ident: readonly string[];
}

/** Field access on any other term, e.g. `(pipeline).Field` or `fn.Field`. */
export interface ChainNode {
  readonly type: 'chain';
  readonly pos: number;
  readonly node: ArgumentNode;
  readonly fields: readonly string[];
}

export interface DotNode {
  readonly type: 'dot';
  readonly pos: number;
}

export interface NilNode {
  readonly type: 'nil';
  readonly pos: number;
}

export interface BoolNode {
  readonly type: 'bool';
  readonly pos: number;
  readonly value: boolean;
}

/**
 * A numeric constant stored under every representation that holds its value
 * exactly, which is how Go emulates untyped constants. Values of the
 * representations whose flag is false are zero.
 */
export interface NumberNode {
  readonly type: 'number';
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
  readonly complex: { readonly re: number; readonly im: number };
}

export interface StringNode {
  readonly type: 'string';
  readonly pos: number;
  /** The literal as written, quotes included. */
  readonly quoted: string;
  readonly text: string;
}

export type ArgumentNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type AnyNode = ListNode | TemplateNode | PipeNode | CommandNode | ArgumentNode;

/** One named template: the top-level text or a `{{define}}`/`{{block}}` body. */
export interface TemplateDefinition {
  readonly name: string;
  readonly root: ListNode;
}

export interface TemplateTree {
  readonly name: string;
  /** The parsed text; all node positions index into it. */
  readonly text: string;
  readonly root: ListNode;
  /**
   * Every template the text defines, keyed by name, including the top-level
   * one under `name` (Go's tree set: an empty body never replaces a non-empty one).
   */
  readonly templates: ReadonlyMap<string, TemplateDefinition>;
}

/** Renders a node the way Go's Node.String() does (used in Go's execution errors). */
export function formatNode(node: AnyNode): string {
  switch (node.type) {
    case 'list':
      return node.nodes.map(formatNode).join('');
    case 'text':
      return node.text;
    case 'comment':
      return `{{${node.text}}}`;
    case 'action':
      return `{{${formatNode(node.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList ? `{{else}}${formatNode(node.elseList)}` : '';
      return `{{${node.type} ${formatNode(node.pipe)}}}${formatNode(node.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return `{{template ${goQuote(node.name)}${node.pipe ? ` ${formatNode(node.pipe)}` : ''}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'pipe': {
      const decl = node.decl.length > 0 ? `${node.decl.map(formatNode).join(', ')} ${node.isAssign ? '=' : ':='} ` : '';
      return decl + node.cmds.map(formatNode).join(' | ');
    }
    case 'command':
      return node.args.map((a) => (a.type === 'pipe' ? `(${formatNode(a)})` : formatNode(a))).join(' ');
    case 'identifier':
      return node.name;
    case 'variable':
      return node.ident.join('.');
    case 'field':
      return node.ident.map((f) => `.${f}`).join('');
    case 'chain': {
      const base = node.node.type === 'pipe' ? `(${formatNode(node.node)})` : formatNode(node.node);
      return base + node.fields.map((f) => `.${f}`).join('');
    }
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
  }
}
