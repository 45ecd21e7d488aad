import { statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RULE_TIMEOUT_MS, Linter, RESERVED_IDS, type RuleSetting, type RuleTimer } from '@otalint/core/engine';
import { plugin as builtins } from '@otalint/rules';
import { UsageError } from './exit-codes.js';
import type { RuleInfo } from './formatters/types.js';

/** What every command that lints needs to set up its linter. */
export interface LinterSetup {
  readonly cwd: string;
  readonly configFile?: string | undefined;
  /** `--rule` settings, by rule id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly debug?: boolean;
  /** `--deep`: account rules run. */
  readonly deep?: boolean;
  /** `--firmware`: the firmware on disk for request files config does not map. */
  readonly firmware?: string | undefined;
  /** The environment: `OTALINT_RULE_TIMEOUT_MS` sets plugin rules' time budget (docs/writing-rules.md). */
  readonly env?: NodeJS.ProcessEnv;
  /** `OTALINT_TIMING`: time each rule (rule-timing.ts). */
  readonly timer?: RuleTimer | undefined;
}

export async function createLinter(options: LinterSetup): Promise<Linter> {
  return Linter.create({
    cwd: options.cwd,
    builtins,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.rules && Object.keys(options.rules).length > 0 ? { overrideRules: options.rules } : {}),
    ...(options.debug ? { debug: true } : {}),
    ...(options.deep ? { deep: true } : {}),
    ...(options.firmware === undefined ? {} : { firmware: firmwarePath(options.cwd, options.firmware) }),
    ...ruleTimeout(options.env),
    ...(options.timer ? { timer: options.timer } : {}),
  });
}

/** `--firmware PATH` must name a file that is there: a typo would silently skip every check of it. */
function firmwarePath(cwd: string, given: string): string {
  const absolute = path.resolve(cwd, given);
  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    throw new UsageError(`--firmware ${given}: no such file.`);
  }
  if (!isFile) throw new UsageError(`--firmware ${given}: not a file.`);
  return absolute;
}

/** Plugin rules' time budget per request, in ms: `OTALINT_RULE_TIMEOUT_MS`, else the default. */
export function ruleBudgetMs(env: NodeJS.ProcessEnv | undefined): number {
  return ruleTimeout(env).ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS;
}

function ruleTimeout(env: NodeJS.ProcessEnv | undefined): { ruleTimeoutMs?: number } {
  const value = env?.OTALINT_RULE_TIMEOUT_MS;
  if (value === undefined || value === '') return {};
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`OTALINT_RULE_TIMEOUT_MS takes a whole number of milliseconds, got "${value}".`);
  return { ruleTimeoutMs: Number(value) };
}

/** What formatters know of every id a finding may carry: the rules, then the engine's own ids. */
export function ruleInfo(linter: Linter): Map<string, RuleInfo> {
  const info = new Map<string, RuleInfo>();
  for (const [id, rule] of linter.config.rules) {
    info.set(id, {
      description: rule.meta.description,
      docsUrl: rule.docsUrl,
      defaultSeverity: rule.meta.defaultSeverity,
      category: rule.meta.category,
      certainty: rule.meta.certainty,
      ...(rule.docs ? { docs: rule.docs } : {}),
    });
  }
  for (const entry of RESERVED_IDS) {
    info.set(entry.id, { description: entry.description, docsUrl: entry.docsUrl, defaultSeverity: entry.defaultSeverity, category: 'engine' });
  }
  return info;
}
