import type { Severity } from '@otalint/core';
import { styles } from '../ansi.js';
import { printable, printableField } from '../printable.js';
import type { Formatter } from './types.js';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

/** Human output, grouped by file: `line:col  severity  message  rule-id`, then a summary. */
export const stylish: Formatter = (results, context) => {
  if (results.every((result) => result.errorCount + result.warningCount + result.infoCount === 0)) return '';
  // Asked only now, when there is something to print: to know whether standard output is a
  // terminal, its stream is made.
  const style = styles(context.color);
  const paint: Record<Severity, (text: string) => string> = {
    error: style.red,
    warning: style.yellow,
    info: style.blue,
  };
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;

  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    infos += result.infoCount;
    if (result.messages.length === 0) continue;
    const rows = result.messages.map((m) => {
      if (m.fix && m.severity === 'error') fixableErrors++;
      else if (m.fix) fixableWarnings++;
      return [`${m.line}:${m.column}`, m.severity, printable(m.message), printableField(m.ruleId)] as const;
    });
    // A loop, not Math.max(...rows): spreading 130,000 rows overflows the stack.
    const width = [0, 0];
    for (const row of rows) for (const i of [0, 1]) width[i] = Math.max(width[i]!, row[i]!.length);
    out += `\n${style.underline(printableField(result.filePath))}\n`;
    for (const [place, severity, message, ruleId] of rows) {
      out += `  ${style.dim(place.padEnd(width[0]!))}  ${paint[severity](LABEL[severity].padEnd(width[1]!))}  ${message}  ${style.dim(ruleId)}\n`;
    }
  }

  const total = errors + warnings + infos;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  out += `\n${errors > 0 ? style.bold(style.red(summary)) : style.bold(style.yellow(summary))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    out += style.dim(`  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.\n`);
  }
  return out;
};
