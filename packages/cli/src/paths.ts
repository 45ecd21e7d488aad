import { existsSync } from 'node:fs';
import path from 'node:path';
import { FolderPaths } from '@otalint/core/engine';

/** The path of a file relative to cwd, with forward slashes, as reports name files. */
export function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}

let folderPaths: FolderPaths | undefined;

/** `path.resolve(cwd, file)` for the files of a run: each folder's path resolved once for all its files (`FolderPaths`). */
export function absoluteIn(cwd: string, file: string): string {
  if (folderPaths?.cwd !== cwd) folderPaths = new FolderPaths(cwd);
  return folderPaths.of(file);
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
