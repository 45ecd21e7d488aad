/** A piece of a make variable's value: text written as-is at a file offset. */
export interface MakePiece {
  readonly text: string;
  readonly offset: number;
}

/** A make variable's value as make expands it, in the pieces of the file it is written in. */
export type MakeValue = readonly MakePiece[];

const ASSIGNMENT = /^((?:(?:override|export)\s+)*)([A-Za-z_][\w.-]*)\s*(:::=|::=|:=|\?=|\+=|!=|=)/;
const TARGET_ASSIGNMENT = /^[^\s#=:][^=]*?:\s*(?:(?:override|export|private)\s+)*([A-Za-z_][\w.-]*)\s*(?:::?=|\?=|\+=|!=|=)/;
const CONDITIONAL_START = /^\s*(?:ifeq|ifneq|ifdef|ifndef)\b/;
const CONDITIONAL_END = /^\s*endif\b/;
const DEFINE = /^\s*(?:(?:override|export)\s+)*define\s+([A-Za-z_][\w.-]*)/;
const INCLUDE = /^\s*-?(?:include|sinclude)\s/;
/** Recursive (`=`, expanded where used) and simple (`:=` and its POSIX spellings, expanded here). */
const OPERATORS = new Map<string, Assigned['flavour']>([
  ['=', 'recursive'],
  [':=', 'simple'],
  ['::=', 'simple'],
  [':::=', 'simple'],
]);
/** A plain reference: `$(NAME)`, `${NAME}`, `$N`. */
const REFERENCE = /\$(?:\(([A-Za-z_][\w.-]*)\)|\{([A-Za-z_][\w.-]*)\}|([A-Za-z_]))/g;

/** The variable a reference names when it is a plain one (`$(NAME)`); undefined for functions and substitutions. */
export function referencedName(reference: string): string | undefined {
  const match = new RegExp(`^(?:${REFERENCE.source})$`).exec(reference);
  return match?.slice(1).find(Boolean);
}

interface Assigned {
  readonly line: number;
  readonly flavour: 'recursive' | 'simple';
  readonly value: string;
  readonly offset: number;
}

/**
 * The variables of a Makefile that a recipe's `$(NAME)` can be read with, as make expands them:
 * a name assigned exactly once, at the top level, with `=` or `:=`, whose value is text and plain
 * references to such names (`arn:aws:iot:$(REGION):$(ACCOUNT):thinggroup/kitchen`; for `:=`, names
 * assigned above it). Anything else that may bind the name makes it unknown: a second assignment,
 * `?=` (the environment may set it), `+=`, `!=`, `define`, a target-specific value, an assignment
 * inside a conditional, a function call or escape in the value, a continuation line. A Makefile
 * that includes others follows none, since they may assign any name. Values keep their trailing
 * whitespace, as make does.
 */
export function makeVariables(lines: ReadonlyArray<{ start: number; text: string }>): ReadonlyMap<string, MakeValue> {
  const assigned = new Map<string, Assigned>();
  const unknown = new Set<string>();
  const bind = (name: string, assignment?: Assigned) => {
    if (assigned.has(name) || unknown.has(name) || !assignment) {
      assigned.delete(name);
      unknown.add(name);
    } else assigned.set(name, assignment);
  };
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const { start, text } = lines[i]!;
    if (text.startsWith('\t')) continue;
    if (INCLUDE.test(text)) return new Map();
    if (CONDITIONAL_START.test(text)) depth++;
    else if (CONDITIONAL_END.test(text)) depth = Math.max(0, depth - 1);
    const defined = DEFINE.exec(text);
    if (defined) {
      bind(defined[1]!);
      while (i + 1 < lines.length && !/^\s*endef\b/.test(lines[i + 1]!.text)) i++;
      continue;
    }
    const targetSpecific = TARGET_ASSIGNMENT.exec(text);
    if (targetSpecific && !ASSIGNMENT.test(text)) {
      bind(targetSpecific[1]!);
      continue;
    }
    const assignment = ASSIGNMENT.exec(text);
    if (!assignment) continue;
    const [whole, , name, operator] = assignment;
    let valueStart = whole.length;
    while (text[valueStart] === ' ' || text[valueStart] === '\t') valueStart++;
    const comment = text.indexOf('#', valueStart);
    const value = text.slice(valueStart, comment === -1 ? text.length : comment);
    const flavour = OPERATORS.get(operator!);
    const plain = depth === 0 && flavour !== undefined && !value.includes('\\') && !text.endsWith('\\') && !value.replace(REFERENCE, '').includes('$');
    bind(name!, plain ? { line: i, flavour, value, offset: start + valueStart } : undefined);
  }

  const expanded = new Map<string, MakeValue | null>();
  const expand = (name: string, usedAt: number): MakeValue | undefined => {
    const assignment = assigned.get(name);
    if (!assignment || assignment.line > usedAt) return undefined;
    if (expanded.has(name)) return expanded.get(name) ?? undefined;
    expanded.set(name, null); // a reference to itself, however deep, is unknown
    // A simple variable is expanded where it is assigned; a recursive one where it is used, which
    // for a recipe is after every assignment.
    const referencesFrom = assignment.flavour === 'simple' ? assignment.line : Number.POSITIVE_INFINITY;
    const pieces: MakePiece[] = [];
    let at = 0;
    for (const match of assignment.value.matchAll(REFERENCE)) {
      const inner = expand(referencedName(match[0])!, referencesFrom);
      if (!inner) return undefined;
      if (match.index > at) pieces.push({ text: assignment.value.slice(at, match.index), offset: assignment.offset + at });
      pieces.push(...inner);
      at = match.index + match[0].length;
    }
    if (at < assignment.value.length) pieces.push({ text: assignment.value.slice(at), offset: assignment.offset + at });
    expanded.set(name, pieces);
    return pieces;
  };
  const out = new Map<string, MakeValue>();
  for (const name of assigned.keys()) {
    const value = expand(name, Number.POSITIVE_INFINITY);
    if (value) out.set(name, value);
  }
  return out;
}
