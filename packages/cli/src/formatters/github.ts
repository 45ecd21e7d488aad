import type { Severity } from '@otalint/core';
import { relativeTo } from '../paths.js';
import type { Formatter } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding, which
 * the runner turns into annotations on the pull request's changed lines.
 */
export const github: Formatter = (results, context) => {
  let out = '';
  for (const result of results) {
    const file = relativeTo(context.cwd, result.filePath);
    for (const m of result.messages) {
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        `endLine=${m.endLine}`,
        `col=${m.column}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(`otalint ${m.ruleId}`)}`,
      ];
      out += `::${COMMAND[m.severity]} ${properties.join(',')}::${escapeData(m.message)}\n`;
    }
  }
  return out;
};

/** The runner's own escaping (actions/toolkit `command.ts`): data escapes %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values escape `:` and `,` too, which would otherwise end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
