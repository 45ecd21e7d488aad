import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_CREDENTIALS } from './fake-iot.js';

export const REPO_ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../../..');
export const BIN = path.join(REPO_ROOT, 'packages/cli/bin/otalint.cjs');

export interface BinRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * An environment with no AWS settings from the machine: test credentials in env vars, config files
 * pointed at /dev/null, and instance metadata off, so no credential lookup leaves loopback.
 */
export function isolatedAwsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && key !== 'NO_COLOR' && key !== 'FORCE_COLOR' && !key.startsWith('OTALINT_')) env[key] = value;
  }
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: TEST_CREDENTIALS.sessionToken,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Run a program without blocking this process's event loop (the fake endpoint lives here). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; nodeArgs?: readonly string[]; timeoutMs?: number },
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A run that hangs is killed, and its result says so (signal SIGKILL).
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** The CLI unbundled (test/support/unbundled-bin.mjs), for tests that trace the modules a run loads. */
export const UNBUNDLED_BIN = path.join(REPO_ROOT, 'packages/cli/test/support/unbundled-bin.mjs');

/** Run the built `otalint` binary as a user would (or `bin`). */
export function runOtalint(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[]; timeoutMs?: number; bin?: string },
): Promise<BinRun> {
  return run(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], {
    cwd: options.cwd,
    env: options.env ?? isolatedAwsEnv(),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

const projects: string[] = [];
process.once('exit', () => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

/**
 * A temporary git repository holding a copy of fixtures/submit as `requests/` (so the journal is
 * `.otalint/submissions.jsonl` at its root); removed at exit.
 */
export function submitProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-submit-'));
  projects.push(dir);
  cpSync(path.join(REPO_ROOT, 'fixtures/submit'), path.join(dir, 'requests'), { recursive: true });
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}
