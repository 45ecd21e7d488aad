import { yaml } from '../util/lazy-yaml.js';

/** A `# otalint-disable-next-line` / `# otalint-disable-line` comment (`//` in JavaScript). */
export interface DisableComment {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
  /** 'next-line' applies to the next line that holds YAML; 'line' to the line it ends. */
  readonly kind: 'next-line' | 'line';
  readonly rules: readonly string[];
  readonly reason: string;
  /** Why the comment cannot be used, when it cannot. */
  readonly problem?: string;
}

const DIRECTIVE_BODY = String.raw`\s*otalint-disable-(next-line|line)(?=\s|$)(.*)$`;
const DIRECTIVES = { '#': new RegExp(`^#${DIRECTIVE_BODY}`), '//': new RegExp(`^//${DIRECTIVE_BODY}`) } as const;

/** How a line comment starts in the file's language. */
export type CommentMarker = keyof typeof DIRECTIVES;

/**
 * The disable comments of a YAML text. Comments are found through the YAML parser's concrete
 * syntax tree, so a `#` inside a quoted string is never mistaken for one.
 */
export function readDisableComments(text: string): DisableComment[] {
  if (!text.includes('otalint-disable')) return [];
  const comments: DisableComment[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.source === 'string' && typeof token.offset === 'number') {
      const comment = parseDirective(token.source, token.offset);
      if (comment) comments.push(comment);
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  try {
    for (const token of new (yaml().Parser)().parse(text)) visit(token);
  } catch {
    // The document reader already reports the syntax error; without a tree there are no comments.
  }
  return comments.sort((a, b) => a.offset - b.offset);
}

export function parseDirective(source: string, offset: number, marker: CommentMarker = '#'): DisableComment | undefined {
  const match = DIRECTIVES[marker].exec(source.trimEnd());
  if (!match) return undefined;
  const kind = match[1] as 'next-line' | 'line';
  const body = match[2]!;
  const separator = body.indexOf('--');
  const rulePart = separator === -1 ? body : body.slice(0, separator);
  const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
  const rules = rulePart.split(/[\s,]+/).filter((id) => id.length > 0);
  const base = { offset, length: source.trimEnd().length, text: source.trimEnd(), kind, rules, reason };
  if (rules.length === 0) {
    return { ...base, problem: `name the rule to disable: "${marker} otalint-disable-${kind} <rule-id> -- <reason>"; disabling every rule is not allowed.` };
  }
  if (reason === '') {
    return { ...base, problem: `give a reason after "--": "${marker} otalint-disable-${kind} ${rules.join(', ')} -- <why this is acceptable>".` };
  }
  return base;
}
