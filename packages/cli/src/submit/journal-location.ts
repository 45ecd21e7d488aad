import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../exit-codes.js';

/** Where the journal lives in the requests' project. */
export const DEFAULT_JOURNAL = '.otalint/submissions.jsonl';

/**
 * The default journal belongs to the requests, not to the folder otalint runs in, so the same
 * files submitted from two folders share one journal: it is in the git repository the request
 * files are in; outside one, beside the config file; without either, in the requests' common
 * folder. Requests from two repositories are refused (each has its own record of what was sent).
 */
export function defaultJournal(files: readonly string[], cwd: string, configFile: string | undefined): string {
  const folders = [...new Set(files.map((file) => path.dirname(path.resolve(cwd, file))))];
  const roots = [...new Set(folders.map(gitRoot))];
  if (roots.length > 1) {
    const named = roots.map((root) => (root === undefined ? 'outside any repository' : root)).join(', ');
    throw new UsageError(
      `The requests are in more than one git repository (${named}), and each keeps its own journal: submit them separately, or name one journal with --journal.`,
    );
  }
  const root = roots[0] ?? (configFile !== undefined ? path.dirname(configFile) : commonFolder(folders.length > 0 ? folders : [path.resolve(cwd)]));
  return path.join(root, DEFAULT_JOURNAL);
}

function gitRoot(folder: string): string | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function commonFolder(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, folder).startsWith('..')) common = path.dirname(common);
  }
  return common;
}
