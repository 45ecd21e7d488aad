import { existsSync } from 'node:fs';
import path from 'node:path';

/** The path of a file relative to cwd, with forward slashes, as reports name files. */
export function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}

/**
 * The root of the git work tree `cwd` is in (the nearest folder up with a `.git` folder, or file
 * in worktrees and submodules), or `cwd` outside one: what code scanning resolves SARIF paths
 * against.
 */
export function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
