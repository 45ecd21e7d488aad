import type { Diagnostic } from '@otalint/core/engine';
import { styles, type Styles } from '../ansi.js';
import { printable, printableField } from '../printable.js';
import type { SubmissionResult, SubmissionStatus, SubmitSummary } from './types.js';

/** The submit JSON report's version: bump the major on any breaking change (docs/submit.md). */
export const SUBMIT_REPORT_VERSION = '1.1.0';

export interface SubmitReportContext {
  readonly dryRun: boolean;
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly journal?: string | undefined;
  readonly color: boolean;
}

export function summarizeResults(results: readonly SubmissionResult[]): SubmitSummary {
  const count = (...statuses: SubmissionStatus[]) => results.filter((result) => statuses.includes(result.status)).length;
  return {
    sent: count('sent'),
    alreadyDone: count('already-done'),
    skipped: count('skipped'),
    failed: count('failed', 'conflict'),
    unknown: count('unknown'),
    notAttempted: count('not-attempted'),
    wouldSend: count('would-send'),
  };
}

export function summaryLine(summary: SubmitSummary, dryRun: boolean): string {
  const parts = dryRun
    ? [`${summary.wouldSend} would be sent`, `${summary.skipped} skipped`]
    : [`${summary.sent} sent`, `${summary.alreadyDone} already done`, `${summary.skipped} skipped`, `${summary.failed} failed`];
  if (summary.unknown > 0) parts.push(`${summary.unknown} unknown (the next run confirms them)`);
  if (summary.notAttempted > 0) parts.push(`${summary.notAttempted} not attempted`);
  return parts.join(', ');
}

const UPDATE_FIELDS = ['otaUpdateId', 'awsIotJobId', 'otaUpdateArn', 'awsIotJobArn', 'otaUpdateStatus'] as const;

const show = (value: unknown) => (value === undefined ? '(absent)' : printableField(JSON.stringify(value)));

export function formatStylish(results: readonly SubmissionResult[], context: SubmitReportContext): string {
  const style = styles(context.color);
  const paint: Record<SubmissionStatus, (text: string) => string> = {
    sent: style.green,
    'already-done': style.green,
    'would-send': style.cyan,
    skipped: style.yellow,
    'not-attempted': style.yellow,
    failed: style.red,
    unknown: style.yellow,
    conflict: style.red,
  };
  let out = '';
  for (const result of results) {
    const file = printableField(result.line === undefined ? result.filePath : `${result.filePath}:${result.line}`);
    out += `\n${style.underline(file)}  ${paint[result.status](result.status)}${result.otaUpdateId ? `  ${printableField(result.otaUpdateId)}` : ''}\n`;
    if (result.note) out += `  ${printable(result.note)}\n`;
    if (result.error) {
      out += `  ${style.red(printableField(result.error.code))}${result.error.httpStatus ? ` (HTTP ${result.error.httpStatus})` : ''}: ${printable(result.error.message)}${result.error.attempts && result.error.attempts > 1 ? ` [${result.error.attempts} attempts]` : ''}\n`;
    }
    if (result.update) {
      for (const field of UPDATE_FIELDS) {
        const value = result.update[field];
        if (value !== undefined) out += `  ${style.dim(field.padEnd(15))} ${printableField(value)}\n`;
      }
    }
    if (result.wait?.errorInfo) {
      out += `  ${style.red('errorInfo')}       ${printableField(result.wait.errorInfo.code ?? '')}: ${printable(result.wait.errorInfo.message ?? '')}\n`;
    }
    for (const difference of result.differences ?? []) {
      out += `  ${style.red('differs')} ${printableField(difference.path)}\n    this file: ${show(difference.local)}\n    at AWS:    ${show(difference.remote)}\n`;
    }
    if (result.planned) {
      const planned = result.planned;
      out += `  ${style.dim('operation')}  ${planned.operation} (${planned.method} ${printableField(planned.path)})\n`;
      out += `  ${style.dim('region')}     ${printableField(planned.region)}\n  ${style.dim('endpoint')}   ${printableField(planned.endpoint)}\n`;
      out += `  ${style.dim('body')}       ${printable(JSON.stringify(planned.body, null, 2))
        .split('\n')
        .join('\n             ')}\n`;
    }
    out += diagnosticLines(result.diagnostics, style);
  }
  out += `\n${summaryLine(summarizeResults(results), context.dryRun)}\n`;
  return out;
}

function diagnosticLines(diagnostics: readonly Diagnostic[], style: Styles): string {
  const paint = { error: style.red, warning: style.yellow, info: style.blue } as const;
  return diagnostics
    .map(
      (d) =>
        `  ${style.dim(`${d.line}:${d.column}`.padEnd(7))} ${paint[d.severity](d.severity.padEnd(7))}  ${printable(d.message)}  ${style.dim(printableField(d.ruleId))}\n`,
    )
    .join('');
}

export interface SubmitJsonReport {
  readonly version: string;
  readonly dryRun: boolean;
  readonly region: string | null;
  readonly endpoint: string | null;
  readonly journal: string | null;
  readonly results: readonly SubmissionResult[];
  readonly summary: SubmitSummary;
}

export function toSubmitJsonReport(results: readonly SubmissionResult[], context: SubmitReportContext): SubmitJsonReport {
  return {
    version: SUBMIT_REPORT_VERSION,
    dryRun: context.dryRun,
    region: context.region ?? null,
    endpoint: context.endpoint ?? null,
    journal: context.journal ?? null,
    results,
    summary: summarizeResults(results),
  };
}

export function formatJson(results: readonly SubmissionResult[], context: SubmitReportContext): string {
  return `${JSON.stringify(toSubmitJsonReport(results, context), null, 2)}\n`;
}

export const SUBMIT_FORMATTERS = { stylish: formatStylish, json: formatJson } as const;
