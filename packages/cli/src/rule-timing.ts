import { RuleTimer, type RuleTime } from '@otalint/core/engine';
import { UsageError } from './exit-codes.js';
import { printableField } from './printable.js';

/** The rows `OTALINT_TIMING=1` shows, as ESLint's `TIMING=1`. */
const DEFAULT_ROWS = 10;

/** A run's rule timing: the timer the linter fills, and how many rows of it to print. */
export interface RuleTiming {
  readonly timer: RuleTimer;
  readonly rows: number;
}

/**
 * `OTALINT_TIMING`: `1` times the rules and shows the 10 slowest, `all` every rule, a whole number
 * that many; unset, empty or `0`, nothing is timed.
 */
export function ruleTiming(env: NodeJS.ProcessEnv): RuleTiming | undefined {
  const value = env.OTALINT_TIMING;
  if (value === undefined || value === '' || value === '0') return undefined;
  if (value === 'all') return { timer: new RuleTimer(), rows: Infinity };
  if (!/^\d+$/.test(value)) throw new UsageError(`OTALINT_TIMING takes 1 (the 10 slowest rules), all, or a number of rules to show, got "${value}".`);
  return { timer: new RuleTimer(), rows: value === '1' ? DEFAULT_ROWS : Number(value) };
}

/** Rule times of several threads as one list: summed by rule, slowest first (ties by id), as `RuleTimer.times()` orders them. */
export function mergeTimes(...lists: ReadonlyArray<readonly RuleTime[]>): RuleTime[] {
  const byRule = new Map<string, RuleTime>();
  for (const time of lists.flat()) {
    const seen = byRule.get(time.ruleId);
    byRule.set(time.ruleId, seen ? { ruleId: time.ruleId, ms: seen.ms + time.ms, requests: seen.requests + time.requests } : time);
  }
  return [...byRule.values()].sort((a, b) => b.ms - a.ms || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** The table printed on standard error after the report: the slowest rules, their share of the time in rules. */
export function timingTable(times: readonly RuleTime[], rows: number): string {
  const total = times.reduce((sum, time) => sum + time.ms, 0);
  const shown = times.slice(0, rows);
  const header = ['rule', 'time (ms)', 'share', 'requests'];
  const cells = shown.map((time) => [
    printableField(time.ruleId),
    time.ms.toFixed(1),
    `${(total > 0 ? (100 * time.ms) / total : 0).toFixed(1)}%`,
    String(time.requests),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  // The id column is left-aligned, the figures right-aligned.
  const line = (row: readonly string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ');
  const which =
    shown.length === times.length
      ? `${times.length} ${times.length === 1 ? 'rule' : 'rules'}`
      : `the ${shown.length} slowest of ${times.length} rules (OTALINT_TIMING=all: every rule)`;
  return `\notalint: time in rules (OTALINT_TIMING), ${which}; ${total.toFixed(1)} ms in all:\n${[header, ...cells].map(line).join('\n')}\n`;
}
