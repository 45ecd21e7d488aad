import { discover } from '../discover.js';
import { EXIT } from '../exit-codes.js';
import { createLinter } from '../lint-run.js';
import { discoveryOptions, parseCommandLine } from '../options.js';
import { writeOutputs } from '../outputs.js';
import { readDiscovered } from '../read-files.js';
import type { CommandIO } from './types.js';

export const EXTRACT_HELP = `Usage: otalint extract [files | folders | globs ...] [options]

Prints, as JSON, every CreateOTAUpdate request otalint finds: in request files, in
\`aws iot create-ota-update\` command lines (scripts, Makefiles, CI workflows, READMEs) and in
any other source a plugin reads. Each entry is { "filePath", "line", "column", "request" }:
where the request is written, and the request as the AWS CLI would send it. A value known only
at run time (a variable, a command substitution) is { "$unknown": "<source text>" }.

Files and folders are chosen as for \`otalint\` (the config's "sources" and "ignores" apply).

Options:
  -c, --config FILE                 Use this config file instead of looking for one
  -o, --output-file FILE            Write the JSON to a file instead of standard output
      --no-ignore                   Disable .otalintignore and config "ignores"
      --ignore-pattern PATTERN      Ignore more files (gitignore syntax); repeatable
      --no-error-on-unmatched-pattern
                                    A pattern that matches nothing is not an error
  -h, --help                        Show this help

Exit codes: 0 printed (an empty list when no request was found), 2 the run failed (a file could
not be read, a pattern matched nothing, bad options or config).`;

const SPEC = {
  config: { type: 'string', short: 'c' },
  'output-file': { type: 'string', short: 'o' },
  'no-ignore': { type: 'boolean' },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One request found in a file, as `otalint extract` prints it. */
export interface ExtractedRequest {
  readonly filePath: string;
  /** 1-based line and column where the request is written (the command, the call, the file). */
  readonly line: number;
  readonly column: number;
  /** The request value; unknown values print as { "$unknown": "<source text>" }. */
  readonly request: unknown;
}

export async function extractCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, SPEC, 'extract');
  if (values.help) {
    io.stdout(`${EXTRACT_HELP}\n`);
    return EXIT.ok;
  }
  const linter = await createLinter({ cwd: io.cwd, configFile: values.config });
  const found = await discover(positionals, io.cwd, {
    ...discoveryOptions(values),
    isIgnoredByConfig: (file) => linter.isIgnored(file),
    ownFiles: values['output-file'] === undefined ? [] : [values['output-file']],
    sourceKinds: linter.sourceKinds,
    disabledKinds: linter.config.disabledSources(),
  });
  for (const file of found.ignoredExplicit) io.stderr(`otalint: ${file} is ignored (.otalintignore or config "ignores"); not read.\n`);
  const unreadable: string[] = [];
  const perFile = await readDiscovered(linter, io.cwd, found, {
    source: (file, source): ExtractedRequest[] => {
      const document = linter.read(source.text, file);
      return document.requests
        .filter((request) => request.value !== undefined)
        .map((request) => {
          const { line, column } = document.range(request.span);
          return { filePath: file, line, column, request: request.value };
        });
    },
    unreadable: (file, error): ExtractedRequest[] => {
      unreadable.push(`otalint: cannot read ${file}: ${(error as Error).message}\n`);
      return [];
    },
  });
  for (const { folder, error } of found.unreadableFolders) unreadable.push(`otalint: cannot read the folder ${folder}: ${(error as Error).message}\n`);
  for (const message of unreadable) io.stderr(message);
  const extracted = perFile.flatMap((requests) => requests ?? []);
  const json = `${JSON.stringify(extracted, null, 2)}\n`;
  await writeOutputs([{ target: { name: 'json', file: values['output-file'] }, render: () => json }], io);
  return unreadable.length > 0 ? EXIT.failure : EXIT.ok;
}
