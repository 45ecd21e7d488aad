import { Readable } from 'node:stream';
import { main } from '../../src/bin.js';
import { REPO_ROOT, type CliRun } from './run-cli.js';

/**
 * Run the CLI's `main` in this process, for loops over many invocations where spawning the
 * binary each time would dominate the suite; the binary itself is covered by runCli tests.
 */
export async function runMain(args: readonly string[], cwd = REPO_ROOT): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdoutStream: { isTTY: false },
    stdin: Readable.from([]),
  });
  return { status, stdout, stderr };
}
