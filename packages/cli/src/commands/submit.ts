import path from 'node:path';
import { useColor } from '../color.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { runPipeline } from '../pipeline.js';
import { writeOutputs } from '../outputs.js';
import { VERSION } from '../version.js';
import { colorFlag, discoveryOptions, parseCommandLine, parseFormats, parseMaxWarnings, parseRuleFlags, type FormatTarget } from '../options.js';
import { redactSignatures, signatureStrings, toSdkInput } from '../submit/blobs.js';
import type { ReadyRequest } from '../submit/executor.js';
import { createIotClient, type IotClient } from '../submit/iot-client.js';
import { JournalRecords } from '../submit/journal.js';
import { DEFAULT_JOURNAL, defaultJournal } from '../submit/journal-location.js';
import { sendAll } from '../submit/send-all.js';
import { SUBMIT_FORMATS, SUBMIT_OPTION_SPEC } from '../submit/options.js';
import { AWS_OPTIONS_HELP, ClientSetupError, parseAwsClientOptions, parseSeconds } from '../aws/client-options.js';
import { partitionByLint } from '../submit/plan-files.js';
import { SUBMIT_FORMATTERS, type SubmitReportContext } from '../submit/report.js';
import { Scrubber } from '../submit/secrecy.js';
import type { SubmissionResult } from '../submit/types.js';
import type { CommandIO } from './types.js';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_RATE = 5;

export const SUBMIT_HELP = `Usage: otalint submit [files | folders | globs ...] [options]

Lints the request files with the same config as \`otalint lint\`, then sends each file with no
lint errors to AWS IoT (CreateOTAUpdate). A journal records every attempt and its outcome, so a
re-run never sends what already succeeded. Credentials and region come from the standard AWS
chain (environment, shared config and credentials files, SSO, instance roles).

Options:
      --dry-run              Show what would be sent (operation, region, endpoint, body); send nothing
${AWS_OPTIONS_HELP}
      --wait                 Poll GetOTAUpdate until CREATE_COMPLETE or CREATE_FAILED
      --wait-timeout SEC     Give up waiting after SEC seconds (default 600)
      --wait-interval SEC    Seconds between polls (default 5)
      --journal FILE         The journal (default ${DEFAULT_JOURNAL} in the requests' git
                             repository, else beside the config file, else in their folder)
      --concurrency N        Requests in flight at once (default ${DEFAULT_CONCURRENCY}, at most 16)
      --rate N               AWS calls started per second at most (default ${DEFAULT_RATE})
      --bail                 Stop after the first file that fails at AWS
      --max-warnings N       Also skip a file with more than N warnings
  -f, --format NAME[:FILE]   stylish (default) or json; repeatable, one per file
  -o, --output-file FILE     Write the report to a file
  -c, --config FILE          Use this config file
      --rule ID:SEVERITY     Set a rule's severity; repeatable
      --quiet                Show errors only
      --color, --no-color    Force colors on or off
      --firmware PATH        The firmware on disk, to check the requests' files against (their
                             custom signature, their size); config "firmware" maps one per file
      --debug                Show stack traces of internal errors
  -h, --help                 Show this help

Exit codes: 0 every file sent or already done, 1 some skipped by lint, failed at AWS or with an
unknown outcome, 2 the run failed (bad options or config, no region or credentials, credentials
AWS rejects, an endpoint that does not answer, unreadable file or journal), 130 Ctrl-C.`;

export async function submitCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, SUBMIT_OPTION_SPEC, 'submit');
  if (values.help) {
    io.stdout(`${SUBMIT_HELP}\n`);
    return EXIT.ok;
  }
  const formats = parseFormats(values.format, values['output-file']);
  for (const target of formats) {
    if (!(SUBMIT_FORMATS as readonly string[]).includes(target.name)) {
      throw new UsageError(`Unknown format "${target.name}" for submit; use one of: ${SUBMIT_FORMATS.join(', ')}.`);
    }
  }
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  const dryRun = values['dry-run'] === true;
  const clientOptions = parseAwsClientOptions(values);
  const wait = values.wait
    ? { timeoutMs: parseSeconds('wait-timeout', values['wait-timeout'], 600), intervalMs: parseSeconds('wait-interval', values['wait-interval'], 5) }
    : undefined;
  const concurrency = parseWholeNumber('concurrency', values.concurrency, DEFAULT_CONCURRENCY, 16);
  const ratePerSecond = parseWholeNumber('rate', values.rate, DEFAULT_RATE, 1000);
  const givenJournal = values.journal === undefined ? undefined : path.resolve(io.cwd, values.journal);

  const {
    results: lintResults,
    ignoredExplicit,
    linter,
  } = await runPipeline({
    cwd: io.cwd,
    configFile: values.config,
    rules: parseRuleFlags(values.rule),
    debug: values.debug === true,
    firmware: values.firmware,
    env: io.env,
    input: { patterns: positionals, discovery: discoveryOptions(values) },
    ownFiles: [...formats.flatMap((target) => (target.file === undefined ? [] : [target.file])), ...(givenJournal === undefined ? [] : [givenJournal])],
    toolVersion: VERSION,
    stderr: io.stderr,
  });
  for (const file of ignoredExplicit) io.stderr(`otalint: ${file} is ignored (.otalintignore or config "ignores"); not submitted.\n`);
  const { ready, skipped } = partitionByLint(lintResults, maxWarnings, values.quiet === true);

  const journalFile =
    givenJournal ??
    defaultJournal(
      ready.map((item) => item.filePath),
      io.cwd,
      linter.config.configFile,
    );

  const scrubber = new Scrubber();
  for (const item of ready) scrubber.add(...signatureStrings(item.request));
  let sentResults: SubmissionResult[] = [];
  let target: { region?: string; endpoint?: string } = {};
  let fatal: string | undefined;
  let interrupted = false;

  if (ready.length > 0) {
    let client: IotClient;
    try {
      client = await createIotClient(clientOptions);
    } catch (error) {
      if (error instanceof ClientSetupError) throw new UsageError(error.message);
      throw error;
    }
    try {
      target = { region: client.region, endpoint: client.endpoint };
      if (dryRun) {
        sentResults = await planAll(
          ready,
          client,
          JournalRecords.read(journalFile, (message) => io.stderr(`otalint: ${message}\n`)),
        );
      } else {
        const sent = await sendAll(ready, client, { io, journalFile, scrubber, wait, bail: values.bail === true, concurrency, ratePerSecond });
        ({ results: sentResults, fatal, interrupted } = sent);
      }
    } finally {
      client.destroy();
    }
  }

  const results = [...sentResults, ...skipped].sort((a, b) =>
    a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : (a.requestIndex ?? 0) - (b.requestIndex ?? 0),
  );
  const context: SubmitReportContext = { dryRun, color: false, ...target, ...(dryRun ? {} : { journal: relative(io.cwd, journalFile) }) };
  await writeReports(results, formats, context, { io, scrubber, color: colorFlag(values) });
  if (fatal !== undefined) io.stderr(`otalint: ${scrubber.scrub(fatal)}\n`);
  if (interrupted) return EXIT.interrupted;
  return exitCode(results, fatal !== undefined || lintResults.some((result) => result.fatal));
}

/** Dry run: what the SDK would send, except for what the journal says was already created. */
async function planAll(ready: readonly ReadyRequest[], client: IotClient, journal: JournalRecords): Promise<SubmissionResult[]> {
  const out: SubmissionResult[] = [];
  for (const item of ready) {
    const earlier = journal.lastSuccess(client.endpoint, item.otaUpdateId);
    if (earlier?.requestHash === item.requestHash) {
      out.push({
        ...where(item),
        otaUpdateId: item.otaUpdateId,
        requestHash: item.requestHash,
        status: 'already-done',
        diagnostics: item.diagnostics,
        note: `created ${earlier.time} (journal); a real run confirms it with GetOTAUpdate and does not send it again`,
      });
      continue;
    }
    const planned = await client.plan(toSdkInput(item.request));
    const body = redactSignatures(JSON.parse(planned.body) as Record<string, unknown>);
    out.push({
      ...where(item),
      otaUpdateId: item.otaUpdateId,
      requestHash: item.requestHash,
      status: 'would-send',
      diagnostics: item.diagnostics,
      planned: { ...planned, body },
    });
  }
  return out;
}

async function writeReports(
  results: readonly SubmissionResult[],
  formats: readonly FormatTarget[],
  context: SubmitReportContext,
  options: { io: CommandIO; scrubber: Scrubber; color: boolean | undefined },
): Promise<void> {
  await writeOutputs(
    formats.map((target) => ({
      target,
      render: () => {
        const format = SUBMIT_FORMATTERS[target.name as keyof typeof SUBMIT_FORMATTERS];
        const color = target.file === undefined && target.name === 'stylish' && useColor(options.color, options.io.stdoutStream, options.io.env);
        return options.scrubber.scrub(format(results, { ...context, color }));
      },
    })),
    options.io,
  );
}

/** Where a request is: its file, and its place in the file when the file holds several. */
function where(item: ReadyRequest): Pick<SubmissionResult, 'filePath' | 'requestIndex' | 'line'> {
  return { filePath: item.filePath, ...(item.requestIndex === undefined ? {} : { requestIndex: item.requestIndex, line: item.line }) };
}

function exitCode(results: readonly SubmissionResult[], fatal: boolean): number {
  if (fatal) return EXIT.failure;
  return results.every((result) => result.status === 'sent' || result.status === 'already-done' || result.status === 'would-send') ? EXIT.ok : EXIT.lintErrors;
}

function parseWholeNumber(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`--${flag} takes a whole number from 1 to ${max}, got "${value}".`);
  return Number(value);
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
