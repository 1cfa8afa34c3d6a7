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

/** Constructs that only the full parser handles, or that the two parsers read differently. */
const SLOW_ONLY = /(^|[\s[{,:-])[&*!][^\s,\]}]|^%|^\s*\?(\s|$)|(^|[\s:[,-])[-+]?0b[01]/m;

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

class IndexLocator implements Locator {
  constructor(
    private readonly offsets: Map<string, { key: number; value: number }>,
    private readonly root: number,
    private readonly lineStarts: number[],
  ) {}

  locate(path: readonly PathKey[], prefer: 'key' | 'value' = 'key'): Position {
    for (let n = path.length; n > 0; n--) {
      const entry = this.offsets.get(path.slice(0, n).join('\u0000'));
      if (entry) return this.position(n === path.length && prefer === 'value' ? entry.value : n === path.length ? entry.key : entry.key);
    }
    return this.position(this.root);
  }

  private position(offset: number): Position {
    // The last line start at or before the offset.
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Records where every path of a node's data starts; false when the frames do not line up. */
function indexFrame(text: string, frame: Frame, path: string, offsets: Map<string, { key: number; value: number }>): boolean {
  let node = frame;
  // A collection can come wrapped in a frame of its own with the same result.
  while (node.children.length === 1 && node.children[0]!.result === node.result && typeof node.result === 'object' && node.result !== null) node = node.children[0]!;
  const value = node.result;
  // An empty value's position is where its key ends, which the listener does not say; and no key
  // of the format may be null, so such a file is the full parser's to report anyway.
  if (value === null || value === undefined) return false;
  const prefix = path ? `${path}\u0000` : '';
  if (Array.isArray(value)) {
    if (node.children.length !== value.length) return false;
    return node.children.every((child, i) => {
      const start = skipInsignificant(text, child.open);
      offsets.set(`${prefix}${i}`, { key: start, value: start });
      return child.result === value[i] && indexFrame(text, child, `${prefix}${i}`, offsets);
    });
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (node.children.length !== keys.length * 2) return false;
    for (let i = 0; i < keys.length; i++) {
      const keyFrame = node.children[2 * i]!;
      const valueFrame = node.children[2 * i + 1]!;
      const key = keys[i]!;
      if (String(keyFrame.result) !== key || valueFrame.result !== value[key]) return false;
      offsets.set(`${prefix}${key}`, { key: skipInsignificant(text, keyFrame.open), value: skipInsignificant(text, valueFrame.open) });
      if (!indexFrame(text, valueFrame, `${prefix}${key}`, offsets)) return false;
    }
    return true;
  }
  return node.children.length === 0;
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
    const offsets = new Map<string, { key: number; value: number }>();
    const root = roots[d]!;
    if (root.result !== data[d] || !indexFrame(text, root, '', offsets)) return undefined;
    documents.push({ data: data[d], locator: new IndexLocator(offsets, skipInsignificant(text, root.open), lineStarts) });
  }
  return documents;
}
