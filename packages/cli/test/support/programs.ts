import { spawnSync } from 'node:child_process';
import { isolatedAwsEnv } from './run-bin.js';

/**
 * The system programs some tests drive for real (`.ci/run` installs them). Each is looked up
 * once, when a test file loads, so that a missing one turns its tests into uvu `test.skip`s,
 * counted as skipped, never as passed.
 */

/** The AWS CLI of a major version (Debian's v2 at /usr/bin/aws, a v1 on PATH), or undefined. */
export function findAwsCli(major: 1 | 2): string | undefined {
  for (const candidate of ['/usr/bin/aws', 'aws']) {
    const run = spawnSync(candidate, ['--version'], { encoding: 'utf8', env: isolatedAwsEnv(), timeout: 60_000 });
    if (run.status === 0 && `${run.stdout}${run.stderr}`.startsWith(`aws-cli/${major}.`)) return candidate;
  }
  return undefined;
}

/** Whether `command --version` runs. */
export function hasProgram(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
}

/** Say once, in the test output, why some tests are skipped. */
export function noteSkipped(what: string, why: string): void {
  console.log(`  (${what} skipped: ${why})`);
}
