import { COMMANDS } from './commands/index.js';
import type { CommandIO } from './commands/types.js';
import { EXIT, UsageError } from './exit-codes.js';
import { VERSION } from './version.js';

/** Parse the command word, run the command, own the exit code. Never throws. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const debug = argv.includes('--debug');
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
      io.stderr(`otalint: internal error: ${debug ? ((error as Error)?.stack ?? String(error)) : ((error as Error)?.message ?? String(error))}\n`);
      if (!debug) io.stderr('Run again with --debug for the stack trace, and please report it.\n');
    }
    return EXIT.failure;
  }
}

export function processIO(): CommandIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutStream: process.stdout,
    stdin: process.stdin,
  };
}
