import path from 'node:path';
import type { FileResult } from '@otalint/core/engine';
import { DEFAULT_CACHE_LOCATION } from '../cache.js';
import { useColor } from '../color.js';
import { faultHook } from '../fault-hooks.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { FORMAT_NAMES, loadFormatter } from '../formatters/index.js';
import { ruleInfo } from '../lint-run.js';
import {
  discoveryOptions,
  LINT_OPTION_SPEC,
  colorFlag,
  parseCommandLine,
  parseFormats,
  parseMaxWarnings,
  parseRuleFlags,
  type FormatTarget,
} from '../options.js';
import { writeOutputs } from '../outputs.js';
import { repositoryRoot } from '../paths.js';
import { runPipeline } from '../pipeline.js';
import { mergeTimes, ruleTiming, timingTable } from '../rule-timing.js';
import { noteLintRun } from '../run-traits.js';
import { parseConcurrency } from '../threads/concurrency.js';
import { AWS_OPTION_SPEC, AWS_OPTIONS_HELP, ClientSetupError, parseAwsClientOptions } from '../aws/client-options.js';
import type { DeepOptions } from '../deep/step.js';
import { VERSION } from '../version.js';
import type { CommandIO } from './types.js';

export const LINT_HELP = `Usage: otalint [lint] [files | folders | globs ...] [options]

Lints AWS IoT CreateOTAUpdate requests: request files (JSON for --cli-input-json, YAML for
--cli-input-yaml), \`aws iot create-ota-update\` command lines (shell scripts, Makefiles, CI
workflows, Markdown) and SDK calls (TypeScript, JavaScript, Python). A folder brings in the
files among these that hold a request; node_modules and .git are skipped, and .otalintignore
is honoured. With no arguments, the current folder.

Options:
  -c, --config FILE          Use this config file instead of looking for one
      --rule ID:SEVERITY     Set a rule's severity (off, info, warn, error); repeatable
  -f, --format NAME[:FILE]   Output format: stylish (default), json, sarif, junit, github;
                             repeatable: --format stylish --format sarif:report.sarif
  -o, --output-file FILE     Write the report to a file instead of standard output
      --max-warnings N       Exit 1 when there are more than N warnings
      --quiet                Report errors only
      --fix                  Apply the certain fixes to the files
      --fix-dry-run          Show what --fix would change, write nothing
      --stdin                Lint standard input (for editors); JSON unless --stdin-filename says
      --stdin-filename NAME  The file the text on stdin stands for: its extension picks JSON or
                             YAML, and config "files"/"ignores" match it; reported under this name
      --baseline FILE        Report only findings not in this baseline (adopting otalint)
      --baseline-create FILE Write the current findings to a baseline file
      --deep                 Also check the requests against the AWS account they name (buckets,
                             objects, the role and its policies, targets, signing); read-only
                             calls with the standard AWS credential chain. See docs/deep-checks.md
${AWS_OPTIONS_HELP}
      --cache                Re-lint only files whose text, config or plugins changed (not with --deep)
      --cache-location FILE  Where the cache lives (default ${DEFAULT_CACHE_LOCATION})
      --color, --no-color    Force colors on or off (NO_COLOR and FORCE_COLOR work too)
      --concurrency N|auto|off
                             Lint on N threads, on one (off), or on as many as pay for a run
                             this large (auto, the default: one below 2,000 files or 32 MB)
      --firmware PATH        The firmware on disk, to check the requests' files against (their
                             custom signature, their size); config "firmware" maps one per file
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help
  -v, --version              Show the version

Other commands (each takes --help):
  otalint submit ...                   Lint, then create the OTA updates that have no errors
  otalint rules [RULE-ID]              List the rules, or explain one
  otalint print-config FILE            Show the config (rules, severities, options) for a file
  otalint init [--json]                Write a starter config here
  otalint extract [files ...]          Print the requests found (in scripts too) as JSON
  otalint lsp --stdio                  The language server, for editors (docs/editors.md)
  otalint skeleton [input | yaml-input | output]
                                       Print what aws iot create-ota-update --generate-cli-skeleton prints

Exit codes: 0 no errors, 1 lint errors or too many warnings, 2 the run failed (with --deep:
also no usable AWS credentials), 3 a lint thread stopped (a plugin ended it): the files it held
are reported as not linted, the others were linted.`;

/** The lint command's options (bin/run-class.cjs knows which take a value). */
export const LINT_COMMAND_SPEC = {
  ...LINT_OPTION_SPEC,
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  baseline: { type: 'string' },
  'baseline-create': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  deep: { type: 'boolean' },
  concurrency: { type: 'string' },
  ...AWS_OPTION_SPEC,
} as const;

export async function lintCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, LINT_COMMAND_SPEC);
  if (values.help) {
    io.stdout(`${LINT_HELP}\n`);
    return EXIT.ok;
  }
  const formats = parseFormats(values.format, values['output-file']);
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  if (values.stdin) checkStdinUse(positionals, values.fix === true);
  else if (values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename needs --stdin.');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache.');
  const concurrency = parseConcurrency(values.concurrency);
  const deep = values.deep ? deepOptions(values) : undefined;
  if (!deep) {
    const stray = Object.keys(AWS_OPTION_SPEC).find((flag) => values[flag as keyof typeof AWS_OPTION_SPEC] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --deep (or use it with otalint submit).`);
  }
  if (deep && values.stdin) throw new UsageError('--deep checks files, not standard input; save the buffer and lint the file.');
  if (deep && (values.fix || values['fix-dry-run'])) throw new UsageError('--fix cannot be combined with --deep; run --fix first, then --deep.');
  const formatters = await Promise.all(formats.map(async (target) => ({ target, format: await loadFormatter(target.name, io.cwd) })));
  const timing = ruleTiming(io.env);

  const { linter, results, ignoredExplicit, threadFailure, threadRuleTimes } = await runPipeline({
    cwd: io.cwd,
    configFile: values.config,
    rules: parseRuleFlags(values.rule),
    debug: values.debug === true,
    firmware: values.firmware,
    env: io.env,
    timer: timing?.timer,
    input: values.stdin ? { stdin: io.stdin, filename: values['stdin-filename'] } : { patterns: positionals, discovery: discoveryOptions(values) },
    ownFiles: ownFiles(formats, values.baseline, values['baseline-create']),
    cacheLocation: values.cache && !values.stdin ? path.resolve(io.cwd, values['cache-location'] ?? DEFAULT_CACHE_LOCATION) : undefined,
    toolVersion: VERSION,
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined,
    reportOnly: true,
    baseline: { create: values['baseline-create'], use: values.baseline },
    stderr: io.stderr,
    deep,
    fault: faultHook(io.env),
    concurrency,
  });
  noteLintRun({
    results,
    formats: formats.map((target) => target.name).filter((name) => FORMAT_NAMES.includes(name)),
    fix: values.fix === true || values['fix-dry-run'] === true,
    configFile: linter.config.configFile !== undefined,
  });
  for (const file of ignoredExplicit) io.stderr(`otalint: ${file} is ignored (.otalintignore or config "ignores"); not linted.\n`);

  // --quiet, as in ESLint 9: warnings and infos are neither shown nor counted.
  const shown = values.quiet ? results.map(errorsOnly) : results;
  const context = { cwd: io.cwd, sourceRoot: repositoryRoot(io.cwd), rules: ruleInfo(linter), toolVersion: VERSION };
  await writeOutputs(
    formatters.map(({ target, format }) => ({
      target,
      render: () =>
        (format.pieces ?? format)(shown, {
          ...context,
          // A getter: asking whether standard output is a terminal makes its stream, and a run that
          // prints nothing (a clean file, stylish) never needs it.
          get color() {
            return target.file === undefined && target.name === 'stylish' && useColor(colorFlag(values), io.stdoutStream, io.env);
          },
        }),
    })),
    io,
  );
  // After the report, on standard error: the report itself is the same with timing on or off.
  if (timing) io.stderr(timingTable(mergeTimes(timing.timer.times(), threadRuleTimes ?? []), timing.rows));
  if (threadFailure !== undefined) {
    io.stderr(`otalint: a lint thread stopped (${threadFailure}); the files it held are reported as not linted (internal-error), the others were linted.\n`);
    return EXIT.threadStopped;
  }
  return exitCode(shown, maxWarnings, io);
}

export function exitCode(results: readonly FileResult[], maxWarnings: number, io: Pick<CommandIO, 'stderr'>): number {
  if (results.some((result) => result.fatal)) return EXIT.failure;
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return EXIT.lintErrors;
  if (warnings > maxWarnings) {
    io.stderr(`otalint: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return EXIT.lintErrors;
  }
  return EXIT.ok;
}

/** --deep's options: the account is made only when a request needs it, and only then is the AWS SDK loaded. */
function deepOptions(values: Parameters<typeof parseAwsClientOptions>[0] & { debug?: boolean | undefined }): DeepOptions {
  const client = parseAwsClientOptions(values);
  return {
    region: client.region,
    debug: values.debug === true,
    connect: async () => {
      const { createSdkAccount } = await import('../deep/sdk-account.js');
      try {
        const account = await createSdkAccount(client);
        return { account, defaultRegion: account.defaultRegion, calls: account.calls, close: () => account.destroy() };
      } catch (error) {
        throw error instanceof ClientSetupError ? new UsageError(error.message) : error;
      }
    },
  };
}

function checkStdinUse(positionals: readonly string[], fix: boolean): void {
  if (positionals.length > 0) throw new UsageError(`--stdin lints standard input only; remove ${positionals.map((p) => `"${p}"`).join(', ')} or drop --stdin.`);
  if (fix) throw new UsageError('--fix cannot write back to standard input; use --fix-dry-run, or apply the "fix" edits of --format json.');
}

/** The files this run reads or writes besides the requests: its report files and its baseline. */
function ownFiles(formats: readonly FormatTarget[], ...baselines: Array<string | undefined>): string[] {
  return [...formats.map((target) => target.file), ...baselines].filter((file): file is string => file !== undefined);
}

function errorsOnly(result: FileResult): FileResult {
  const messages = result.messages.filter((m) => m.severity === 'error');
  return { ...result, messages, warningCount: 0, infoCount: 0 };
}
