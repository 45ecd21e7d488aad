import type { ParseProblem } from '../../types.js';
import type { AwsCommand } from './commands.js';
import type { ShellWord } from './shell-word.js';
import type { ShellSnippet } from './snippet.js';

/**
 * Bash expands unquoted braces with a comma inside (`a={b=1,c=2}` → `a=b=1 a=c=2`) before the
 * AWS CLI sees the words, so unquoted shorthand with a nested structure falls apart. Reported
 * where the shell certainly expands braces (bash, zsh); the request is read as it was meant.
 */
export function detectBraceExpansion(command: AwsCommand, snippet: ShellSnippet): ParseProblem[] {
  if (snippet.braceExpansion !== 'yes') return [];
  const problems: ParseProblem[] = [];
  for (const word of command.args) {
    const brace = expandingBrace(word);
    if (!brace) continue;
    const span = word.span(brace.open, brace.close + 1);
    problems.push({
      ruleId: 'shell-brace-expansion',
      sourceRule: true,
      message: `Bash expands the unquoted braces in \`${word.value.slice(brace.open, brace.close + 1)}\` into ${brace.words} separate words before the AWS CLI sees them, so the command fails. Quote the whole value: '${word.value}'.`,
      offset: span.offset,
      length: span.length,
      path: '',
    });
  }
  return problems;
}

/** The first unquoted `{...}` holding an unquoted top-level comma, and how many words it makes. */
function expandingBrace(word: ShellWord): { open: number; close: number; words: number } | undefined {
  const bare = (i: number) => word.plainContext(i, i + 1) === 'bare';
  const value = word.value;
  for (let open = 0; open < value.length; open++) {
    if (value[open] !== '{' || !bare(open) || (open > 0 && value[open - 1] === '$')) continue;
    let depth = 0;
    let commas = 0;
    for (let i = open + 1; i < value.length; i++) {
      if (!bare(i)) continue;
      if (value[i] === '{') depth++;
      else if (value[i] === '}') {
        if (depth === 0) {
          if (commas > 0) return { open, close: i, words: commas + 1 };
          break;
        }
        depth--;
      } else if (value[i] === ',' && depth === 0) commas++;
    }
  }
  return undefined;
}
