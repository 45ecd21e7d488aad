import path from 'node:path';
import { Linter, type FileResult, type RuleSetting } from '@otalint/core';
import { plugin as builtins } from '@otalint/rules';
import { discover } from './discover.js';
import type { RuleInfo } from './formatters/types.js';

export interface LintRunOptions {
  readonly cwd: string;
  readonly patterns: readonly string[];
  readonly configFile?: string | undefined;
  readonly rules?: Readonly<Record<string, string>>;
  readonly debug?: boolean;
  /** Lints one discovered file; the default is `linter.lintFile` (the cache wraps it). */
  readonly lintFile?: (linter: Linter, file: string) => Promise<FileResult>;
  /** Report and baseline files of this run: folder and glob expansion skips them. */
  readonly ownFiles?: readonly string[];
}

export interface LintRun {
  readonly linter: Linter;
  readonly results: FileResult[];
  readonly ignoredExplicit: string[];
}

export async function createLinter(options: Omit<LintRunOptions, 'patterns'>): Promise<Linter> {
  return Linter.create({
    cwd: options.cwd,
    builtins,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.rules ? { overrideRules: options.rules as Record<string, RuleSetting> } : {}),
    ...(options.debug ? { debug: true } : {}),
  });
}

/** Discover, read and lint: the part `lint` and `submit` share. */
export async function lintPatterns(options: LintRunOptions): Promise<LintRun> {
  const linter = await createLinter(options);
  const { files, ignoredExplicit } = await discover(options.patterns, options.cwd, (file) => linter.isIgnored(file), options.ownFiles);
  const lintFile = options.lintFile ?? ((l: Linter, file: string) => l.lintFile(file));
  const results = await Promise.all(files.map((file) => lintFile(linter, file)));
  return { linter, results, ignoredExplicit };
}

export function ruleInfo(linter: Linter): Map<string, RuleInfo> {
  const info = new Map<string, RuleInfo>();
  for (const [id, rule] of linter.config.rules) {
    info.set(id, { description: rule.meta.description, docsUrl: rule.docsUrl, defaultSeverity: rule.meta.defaultSeverity });
  }
  return info;
}

export function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}
