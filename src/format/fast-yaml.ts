// The fast path for reading profiles at repository scale. `yaml` (the slow path) builds a full
// document model, which costs about ten times what js-yaml needs to turn the same text into data.
// js-yaml's listener reports where every node starts, so positions stay exact.
//
// The fast path only ever says yes: for text it is unsure of (anchors, aliases, tags, directives,
// complex keys, binary numbers, anything js-yaml rejects) or whose frames do not line up with the
// data, it returns undefined and the caller reads the file with `yaml`, which also gives every error
// its message. A test checks both paths agree on data and positions (test/format/fast-yaml.test.ts).
import yaml from 'js-yaml';
import type { Position } from './yaml-source.js';

type PathKey = string | number;

export interface Locator {
  /** Where a path is: the key of a map entry (or the value), the item of a list; else its nearest ancestor. */
  locate(path: readonly PathKey[], prefer?: 'key' | 'value'): Position;
}

export interface FastDocument {
  data: unknown;
  locator: Locator;
}

interface Frame {
  open: number;
  children: Frame[];
  result?: unknown;
}

/**
 * Constructs that only the full parser handles, or that the two parsers read differently: js-yaml
 * reads a signed hex or octal (`+0x1F`) as a number, YAML 1.2's core schema as text.
 */
const SLOW_ONLY = /(^|[\s[{,:-])[&*!][^\s,\]}]|^%|^\s*\?(\s|$)|(^|[\s:[,-])(?:[-+]?0b[01]|[-+]0[xXoO])/m;

/** Offset of the first character of a node opening at `offset`: past spaces, line breaks and comments. */
function skipInsignificant(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      const end = text.indexOf('\n', i);
      if (end === -1) return text.length;
      i = end + 1;
    } else return i;
  }
}

/** Converts an offset to line and column, over a file's line starts. */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  // The last line start at or before the offset.
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

/** A collection can come wrapped in a frame of its own with the same result. */
function unwrapFrame(frame: Frame): Frame {
  let node = frame;
  while (node.children.length === 1 && node.children[0]!.result === node.result && typeof node.result === 'object' && node.result !== null) node = node.children[0]!;
  return node;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether the frames line up with the data, node for node: checked once for every file the fast
 * path reads, so that a position looked up later is certain to be the right one.
 */
function framesMatch(frame: Frame): boolean {
  const node = unwrapFrame(frame);
  const value = node.result;
  // An empty value's position is where its key ends, which the listener does not say; and no key
  // of the format may be null, so such a file is the full parser's to report anyway.
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return node.children.length === value.length && node.children.every((child, i) => child.result === value[i] && framesMatch(child));
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (node.children.length !== keys.length * 2) return false;
    for (let i = 0; i < keys.length; i++) {
      const keyFrame = node.children[2 * i]!;
      const valueFrame = node.children[2 * i + 1]!;
      if (String(keyFrame.result) !== keys[i] || valueFrame.result !== value[keys[i]!] || !framesMatch(valueFrame)) return false;
    }
    return true;
  }
  return node.children.length === 0;
}

/** Positions found when asked, by walking the frames along a path. */
class FrameLocator implements Locator {
  constructor(
    private readonly text: string,
    private readonly root: Frame,
    private readonly lineStarts: readonly number[],
  ) {}

  locate(path: readonly PathKey[], prefer: 'key' | 'value' = 'key'): Position {
    let node = this.root;
    let offset = skipInsignificant(this.text, this.root.open);
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      node = unwrapFrame(node);
      const value = node.result;
      let next: Frame | undefined;
      let keyFrame: Frame | undefined;
      if (Array.isArray(value) && typeof key === 'number') next = node.children[key];
      else if (isPlainObject(value)) {
        const index = Object.keys(value).indexOf(String(key));
        if (index !== -1) {
          keyFrame = node.children[2 * index];
          next = node.children[2 * index + 1];
        }
      }
      // An absent path is placed at its nearest existing ancestor.
      if (!next) break;
      const isLast = i === path.length - 1;
      offset = skipInsignificant(this.text, (keyFrame && !(isLast && prefer === 'value') ? keyFrame : next).open);
      node = next;
    }
    return positionAt(this.lineStarts, offset);
  }
}

/** The documents of a file with their positions, or undefined when the slow path must read it. */
export function parseFast(text: string): FastDocument[] | undefined {
  if (SLOW_ONLY.test(text)) return undefined;
  const roots: Frame[] = [];
  const stack: Frame[] = [];
  let data: unknown[];
  try {
    data = yaml.loadAll(text, undefined, {
      schema: yaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          const frame: Frame = { open: state.position, children: [] };
          (stack.length ? stack[stack.length - 1]!.children : roots).push(frame);
          stack.push(frame);
        } else {
          const frame = stack.pop();
          if (frame) frame.result = state.result;
        }
      },
    });
  } catch {
    return undefined;
  }
  if (stack.length !== 0 || roots.length !== data.length || data.length === 0) return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const documents: FastDocument[] = [];
  for (let d = 0; d < data.length; d++) {
    const root = roots[d]!;
    if (root.result !== data[d] || !framesMatch(root)) return undefined;
    documents.push({ data: data[d], locator: new FrameLocator(text, root, lineStarts) });
  }
  return documents;
}
