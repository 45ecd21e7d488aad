import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../../..');
export const BIN = path.join(REPO_ROOT, 'packages/cli/bin/otalint.cjs');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built `otalint` binary as a user would. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; user?: UnprivilegedUser } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    ...options.user,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Who to run the binary as so that file permissions apply: `{}` (this user) or `nobody`. */
export type UnprivilegedUser = { readonly uid?: number; readonly gid?: number };

/**
 * A user for whom `chmod 000` makes a file unreadable. Root reads any file whatever its mode (CI
 * runs as root), so as root the binary runs as `nobody` (65534), which can still reach the
 * repository and Node. Undefined when that is not possible here (the checkout is not readable
 * by others): the tests that need it are skipped, never passed.
 */
export const UNPRIVILEGED: UnprivilegedUser | undefined = (() => {
  if (process.getuid?.() !== 0) return process.platform === 'win32' ? undefined : {};
  const nobody = { uid: 65534, gid: 65534 };
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, 4)`], { ...nobody, timeout: 30_000 });
  return probe.status === 0 ? nobody : undefined;
})();

const temporaryFolders: string[] = [];
process.on('exit', () => {
  for (const dir of temporaryFolders) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding the given files (paths relative to it), removed when the tests end. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-e2e-'));
  temporaryFolders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
