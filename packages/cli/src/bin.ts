import { inspect } from 'node:util';
import { COMMANDS } from './commands/index.js';
import type { CommandIO } from './commands/types.js';
import { EXIT, UsageError } from './exit-codes.js';
import { printable } from './printable.js';
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
 * The process's own streams, for the `otalint` binary. Each is made on first use: making one
 * loads Node's stream modules, which a clean lint run (that prints nothing) never needs.
 */
export function processIO(): CommandIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: streamWriter(
      () => process.stdout,
      'standard output',
      () => process.stderr,
    ),
    stderr: streamWriter(() => process.stderr, 'standard error'),
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

/**
 * Writes to a standard stream, and ends quietly when its reader goes away. `otalint | head`
 * closes the pipe early (EPIPE): the rest of the output has nowhere to go, so it is dropped and
 * the run finishes with the exit code it would have had (a gate behind `set -o pipefail` still
 * sees lint errors), printing nothing about it, as `git log | head` prints nothing. Any other
 * failure to write (a full disk: ENOSPC) means the report was lost: it is said on the other
 * stream, and the run exits 2.
 */
function streamWriter(streamOf: () => NodeJS.WritableStream, name: string, otherOf?: () => NodeJS.WritableStream): (text: string) => void {
  let open = true;
  let stream: NodeJS.WritableStream | undefined;
  const opened = () => {
    if (stream) return stream;
    stream = streamOf();
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (!open) return;
      open = false;
      if (error.code === 'EPIPE') return;
      process.exitCode = EXIT.failure;
      otherOf?.().write(`otalint: cannot write to ${name}: ${error.message}\n`);
    });
    return stream;
  };
  return (text) => {
    if (open && text !== '') opened().write(text);
  };
}

/** The `otalint` binary: run, and keep a write failure's exit 2 over the command's own code. */
export async function runProcess(argv: readonly string[]): Promise<void> {
  const code = await main(argv, processIO());
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
}
