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
  const io: CommandIO = { ...given, stderr: (text) => given.stderr(printable(text)) };
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

/** The process's own streams, for the `otalint` binary. */
export function processIO(): CommandIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: streamWriter(process.stdout, 'standard output', process.stderr),
    stderr: streamWriter(process.stderr, 'standard error'),
    stdoutStream: process.stdout,
    // Made on first use: opening standard input costs a start-up that never reads it (most runs).
    get stdin() {
      return process.stdin;
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
function streamWriter(stream: NodeJS.WritableStream, name: string, other?: NodeJS.WritableStream): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (error.code === 'EPIPE') return;
    process.exitCode = EXIT.failure;
    other?.write(`otalint: cannot write to ${name}: ${error.message}\n`);
  });
  return (text) => {
    if (open) stream.write(text);
  };
}

/** The `otalint` binary: run, and keep a write failure's exit 2 over the command's own code. */
export async function runProcess(argv: readonly string[]): Promise<void> {
  const code = await main(argv, processIO());
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
}
