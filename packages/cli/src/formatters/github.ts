import type { Severity } from '@otalint/core';
import { relativeTo } from '../paths.js';
import { printable, printableField } from '../printable.js';
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
        `file=${printableField(escapeProperty(file))}`,
        `line=${m.line}`,
        `endLine=${m.endLine}`,
        `col=${m.column}`,
        `endColumn=${m.endColumn}`,
        `title=${printableField(escapeProperty(`otalint ${m.ruleId}`))}`,
      ];
      // The runner's escapes first (CR and LF are its to encode), then every other control character.
      out += `::${COMMAND[m.severity]} ${properties.join(',')}::${printable(escapeData(m.message))}\n`;
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
