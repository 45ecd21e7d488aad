import { inspect } from 'node:util';
import { COMMANDS } from './commands/index.js';
import type { CommandIO } from './commands/types.js';
import { EXIT, UsageError } from './exit-codes.js';
import { printable } from './printable.js';
export { lintRunTraits } from './run-traits.js';
import { standardWriter } from './standard-writer.js';
import { VERSION } from './version.js';

/** Parse the command word, run the command, own the exit code. Never throws. */
export async function main(argv: readonly string[], given: CommandIO): Promise<number> {
  const debug = argv.includes('--debug');
  // Notes on stderr name files and quote them: nothing in them may act on the terminal.
  const io = withStderr(given, (text) => given.stderr(printable(text)));
  try {
    if (argv[0] === '--version' || argv[0] === '-v') {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]);
    const command = await COMMANDS[named ? argv[0]! : 'lint']!();
    return await command(named ? argv.slice(1) : argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`otalint: ${error.message}\n`);
    } else if ((error as Error)?.name === 'ConfigError') {
      // By name, not instanceof: importing core here would slow `otalint --version`.
      io.stderr(`otalint: invalid config: ${(error as Error).message}\n`);
    } else {
      io.stderr(`otalint: internal error: ${debug && error instanceof Error && error.stack ? error.stack : whatWasThrown(error)}\n`);
      if (!debug) io.stderr('Run again with --debug for the stack trace, and please report it.\n');
    }
    return EXIT.failure;
  }
}

/** An Error's message, or what else was thrown (core's describeThrown; core is not loaded here). */
function whatWasThrown(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : `${inspect(error, { depth: 1, breakLength: Infinity })} was thrown`;
}

/** `io` with another stderr; its streams are still opened only when a command uses them (a spread would open them). */
function withStderr(io: CommandIO, stderr: CommandIO['stderr']): CommandIO {
  return {
    cwd: io.cwd,
    env: io.env,
    stdout: io.stdout,
    stderr,
    get stdoutStream() {
      return io.stdoutStream;
    },
    get stdin() {
      return io.stdin;
    },
    ...(io.onInterrupt ? { onInterrupt: io.onInterrupt } : {}),
  };
}

/** Whether `argv` runs `lint` (the default command), not its help, `--version` or another command. */
export function isLintRun(argv: readonly string[]): boolean {
  const first = argv[0];
  if (first === '--version' || first === '-v') return false;
  if (first !== undefined && first !== 'lint' && Object.hasOwn(COMMANDS, first)) return false;
  return !argv.includes('--help') && !argv.includes('-h');
}

/**
 * The process's own streams, for the `otalint` binary: written without Node's streams where it
 * can (standard-writer.ts), each stream made on first use. Making one loads Node's stream
 * modules, which a lint run to a file or a pipe, or one that prints nothing, never needs.
 */
export function processIO(): CommandIO {
  const stderr = standardWriter(2, 'standard error', () => process.stderr);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: standardWriter(1, 'standard output', () => process.stdout, stderr),
    stderr,
    get stdoutStream() {
      return process.stdout;
    },
    get stdin() {
      return process.stdin;
    },
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}

/** A lint run's worker thread (threads/pool.ts starts it through bin/lint-thread.cjs). */
export async function runLintRunThread(): Promise<void> {
  await (await import('./threads/worker.js')).runLintRunThread();
}

/** The `otalint` binary: run, and keep a write failure's exit 2 over the command's own code. */
export async function runProcess(argv: readonly string[]): Promise<void> {
  // The language server keeps running past an escaped error (lsp/server.ts logs it).
  if (argv[0] !== 'lsp') exitOnEscapedError(argv.includes('--debug'));
  const code = await main(argv, processIO());
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
}

/**
 * An error thrown from a callback (a plugin rule's timer or promise) reaches no caller. Node would
 * print it and exit 1, which a CI gate reads as lint errors: say what happened and exit 2 instead.
 */
function exitOnEscapedError(debug: boolean): void {
  const fail = (error: unknown) => {
    const detail = debug && error instanceof Error && error.stack ? error.stack : whatWasThrown(error);
    process.stderr.write(
      `otalint: internal error: an error escaped a callback, from a plugin's timer or promise or from otalint itself: ${detail}\n` +
        `The run failed before its report was written (exit 2).${debug ? '' : ' Run again with --debug for the stack trace.'}\n`,
    );
    process.exit(EXIT.failure);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}
