import type { CursorPlace } from './completion.js';

/** What a line of block YAML holds: list items (`- `), then a key or a plain value, each at its column. */
interface Entry {
  readonly column: number;
  readonly kind: 'item' | 'key' | 'scalar';
  readonly key?: string;
  /** For a key: whether a value follows it on the line (then nothing nests under it). */
  readonly inline?: boolean;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s\-?:#,[\]{}][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/;

function entriesOf(line: string): Entry[] | undefined {
  const body = line.replace(/\s+#.*$/, '');
  if (body.trim() === '' || body.trimStart().startsWith('#') || body.startsWith('---') || body.startsWith('...')) return undefined;
  const entries: Entry[] = [];
  let column = body.length - body.trimStart().length;
  let rest = body.slice(column);
  for (let dash = /^-(\s+|$)/.exec(rest); dash; dash = /^-(\s+|$)/.exec(rest)) {
    entries.push({ column, kind: 'item' });
    column += dash[0].length;
    rest = rest.slice(dash[0].length);
  }
  const key = KEY.exec(rest);
  if (key) entries.push({ column, kind: 'key', key: unquote(key[1]!), inline: (key[2] ?? '').trim() !== '' });
  else if (rest !== '') entries.push({ column, kind: 'scalar' });
  return entries;
}

function unquote(key: string): string {
  if (key.startsWith('"')) return JSON.parse(key) as string;
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

/**
 * The cursor in block YAML, by indentation (the text being typed rarely parses): the member
 * names or the value that fit where the cursor is. `  - fi|` under `files:` is a key of
 * `files[n]`; `protocols:\n  - MQ|` a value of `protocols[n]`; `targetSelection: SN|` the value of
 * `targetSelection`. Flow collections (`{ }`, `[ ]`) are not read.
 */
export function yamlPlaceAt(text: string, offset: number): CursorPlace | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const typed = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  lines.pop();

  const valueOfKey = /^(\s*(?:-\s+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[A-Za-z0-9_]+)\s*:\s+([\w-]*)$/.exec(typed);
  const partialKey = /^(\s*(?:-\s+)*)([\w-]*)$/.exec(typed);
  if (!valueOfKey && !partialKey) return undefined;
  const prefix = (valueOfKey ?? partialKey)![1]!;
  const own = entriesOf(`${prefix}x`)?.filter((entry) => entry.kind === 'item') ?? [];
  const column = prefix.length;
  const partial = valueOfKey ? valueOfKey[3]! : partialKey![2]!;
  const replace = { offset: offset - partial.length, length: partial.length };

  const path = ancestors(lines, column, own);
  if (valueOfKey) return { path: [...path, unquote(valueOfKey[2]!)], on: 'value', replace, present: [], syntax: 'yaml' };
  return { path, on: 'key', replace, present: siblingKeys(lines, text.slice(offset).split(/\r?\n/).slice(1), column), syntax: 'yaml' };
}

/** The path of the object (or list item) that a position at `column` on the line after `lines` is in. */
function ancestors(lines: readonly string[], column: number, ownItems: readonly Entry[]): Array<string | number> {
  const out: Array<string | number> = [];
  let limit = column;
  let limitIsItem = false;
  for (const item of [...ownItems].reverse()) {
    out.unshift(itemsAbove(lines, lines.length, item.column));
    limit = item.column;
    limitIsItem = true;
  }
  for (let i = lines.length - 1; i >= 0 && (limit > 0 || limitIsItem); i--) {
    const entries = entriesOf(lines[i]!);
    if (!entries) continue;
    for (const entry of [...entries].reverse()) {
      if (entry.kind === 'key') {
        if (entry.column < limit || (limitIsItem && entry.column === limit && !entry.inline)) {
          out.unshift(entry.key!);
          limit = entry.column;
          limitIsItem = false;
        }
      } else if (entry.kind === 'item' && entry.column < limit) {
        out.unshift(itemsAbove(lines, i, entry.column));
        limit = entry.column;
        limitIsItem = true;
      }
    }
  }
  return out;
}

/** The index of the list item at `column` that starts on line `at`: the items of that list above it. */
function itemsAbove(lines: readonly string[], at: number, column: number): number {
  let count = 0;
  for (let i = at - 1; i >= 0; i--) {
    const first = entriesOf(lines[i]!)?.[0];
    if (!first || first.column > column) continue;
    if (first.column < column || first.kind !== 'item') break;
    count++;
  }
  return count;
}

/**
 * The keys already written at `column` in the block around the cursor: above it up to the line
 * that opens the block (a `- key:` line of the same list item counts), below it until the block ends.
 */
function siblingKeys(above: readonly string[], below: readonly string[], column: number): string[] {
  const keys: string[] = [];
  const keyAt = (entries: readonly Entry[]) => entries.find((entry) => entry.column === column && entry.kind === 'key')?.key;
  for (let i = above.length - 1; i >= 0; i--) {
    const entries = entriesOf(above[i]!);
    if (!entries) continue;
    const key = keyAt(entries);
    if (key !== undefined) keys.push(key);
    if (entries[0]!.column < column) break;
  }
  for (const line of below) {
    const entries = entriesOf(line);
    if (!entries) continue;
    if (entries[0]!.column < column) break;
    const key = keyAt(entries);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}
