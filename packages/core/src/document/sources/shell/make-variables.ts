/** A make variable's literal value, and the file offset where it starts (it is written in one piece). */
export interface MakeLiteral {
  readonly value: string;
  readonly offset: number;
}

const ASSIGNMENT = /^((?:(?:override|export)\s+)*)([A-Za-z_][\w.-]*)\s*(:::=|::=|:=|\?=|\+=|!=|=)/;
const TARGET_ASSIGNMENT = /^[^\s#=:][^=]*?:\s*(?:(?:override|export|private)\s+)*([A-Za-z_][\w.-]*)\s*(?:::?=|\?=|\+=|!=|=)/;
const CONDITIONAL_START = /^\s*(?:ifeq|ifneq|ifdef|ifndef)\b/;
const CONDITIONAL_END = /^\s*endif\b/;
const DEFINE = /^\s*(?:(?:override|export)\s+)*define\s+([A-Za-z_][\w.-]*)/;
const INCLUDE = /^\s*-?(?:include|sinclude)\s/;
/** The flavours whose value is the text as written: recursive and simple assignment. */
const LITERAL_OPERATORS = new Set(['=', ':=', '::=', ':::=']);

/**
 * The variables of a Makefile that a recipe's `$(NAME)` can be read with, as make expands them:
 * a name assigned exactly once, at the top level, with `=` or `:=` and a value without references
 * (`$`), escapes or continuation lines. Anything else that may bind the name makes it unknown: a
 * second assignment, `?=` (the environment may set it), `+=`, `!=`, `define`, a target-specific
 * value, an assignment inside a conditional. A Makefile that includes others follows none, since
 * they may assign any name. The value keeps its trailing whitespace, as make does.
 */
export function makeVariables(lines: ReadonlyArray<{ start: number; text: string }>): ReadonlyMap<string, MakeLiteral> {
  const literals = new Map<string, MakeLiteral>();
  const unknown = new Set<string>();
  const bind = (name: string, literal?: MakeLiteral) => {
    if (literals.has(name) || unknown.has(name) || !literal) {
      literals.delete(name);
      unknown.add(name);
    } else literals.set(name, literal);
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
    const literal = depth === 0 && LITERAL_OPERATORS.has(operator!) && !/[$\\]/.test(value) && !text.endsWith('\\');
    bind(name!, literal ? { value, offset: start + valueStart } : undefined);
  }
  return literals;
}
