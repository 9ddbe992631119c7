/**
 * The positions tree the YAML readers build beside a document's value (src/yaml/read.ts, fast.ts). Its own
 * module because both readers create nodes, and fast.ts is imported by read.ts.
 */
import type { Scalar } from 'yaml';

/**
 * What is known about the node at one path, in a tree that mirrors the document's paths: lookups follow the
 * path element by element, so reading a large file builds no path arrays or string keys per node, and
 * positions are only turned into line/column when asked for.
 */
export interface PathNode {
  /** The node's range (start, end of value) in the text; -1 when it has none. */
  start: number;
  end: number;
  /** Offset of the key of the pair this node is the value of, or -1. */
  keyStart: number;
  /** Set for scalars, which start at `start`. */
  scalarType: Scalar.Type | undefined;
  trailing: { text: string; offset: number }[] | undefined;
  children: Map<string | number, PathNode> | undefined;
}

/** Every node has every field, so the readers' property accesses stay monomorphic. */
export const pathNode = (): PathNode => ({ start: -1, end: -1, keyStart: -1, scalarType: undefined, trailing: undefined, children: undefined });

export const childNode = (parent: PathNode, key: string | number): PathNode => {
  const children = (parent.children ??= new Map());
  let node = children.get(key);
  if (!node) children.set(key, (node = pathNode()));
  return node;
};
