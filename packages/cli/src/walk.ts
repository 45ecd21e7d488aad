import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * The file system calls a walk makes. Synchronous: the walk has nothing to do while a folder is
 * read, and an asynchronous call per folder is a round trip through libuv's thread pool that
 * leaves the process idle (some 150 ms over the 1,100 folders of bench/mixed-repo.mjs).
 */
export interface WalkFs {
  readdir(dir: string): Dirent[];
  stat(file: string): Stats;
}

const nodeFs: WalkFs = { readdir: (dir) => readdirSync(dir, { withFileTypes: true }), stat: (file) => statSync(file) };

export interface WalkOptions {
  /** Folders (relative to the working directory, `/`-separated) never entered. */
  readonly skipFolder: (relative: string, name: string) => boolean;
  /** Files the walk returns: by their path relative to the working directory, and to the folder walked. */
  readonly wantFile: (relative: string, fromRoot: string) => boolean;
  readonly fs?: WalkFs;
}

export interface WalkResult {
  /** Relative to the working directory, `/`-separated, in no particular order. */
  readonly files: string[];
  /** Folders that could not be read, with why. */
  readonly unreadable: Array<{ readonly folder: string; readonly error: unknown }>;
}

/**
 * The files below a folder, following symbolic links as a user expects, but entering each real
 * folder once: links that loop (`a -> .`) or lead back up end there instead of walking forever.
 * A folder that cannot be read is recorded, not thrown, so the rest is still walked.
 */
export function walkFiles(root: string, cwd: string, options: WalkOptions): WalkResult {
  const fs = options.fs ?? nodeFs;
  const files: string[] = [];
  const unreadable: Array<{ folder: string; error: unknown }> = [];
  const seen = new Set<string>([identity(fs.stat(root))]);
  const relative = (absolute: string) => path.relative(cwd, absolute).split(path.sep).join('/');
  const folders = [root];
  // Folders reached through links wait until every folder reachable by its own name is walked,
  // so a folder is reported under its own path, not under a link to it.
  const linked: Array<{ folder: string; id: string }> = [];

  for (;;) {
    let folder = folders.pop();
    if (folder === undefined) {
      const next = linked.shift();
      if (next === undefined) break;
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      folder = next.folder;
    }
    let entries: Dirent[];
    try {
      entries = fs.readdir(folder).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      unreadable.push({ folder: relative(folder) || '.', error });
      continue;
    }
    // Both paths of an entry are its folder's and its name: worked out once per folder, not per file.
    const folderRelative = relative(folder);
    const folderFromRoot = path.relative(root, folder).split(path.sep).join('/');
    for (const entry of entries) {
      const rel = folderRelative === '' ? entry.name : `${folderRelative}/${entry.name}`;
      const link = entry.isSymbolicLink();
      let stats: Stats | undefined;
      if (link) {
        try {
          stats = fs.stat(path.join(folder, entry.name));
        } catch {
          continue; // a dangling link, or one that loops on itself: nothing to read
        }
      }
      const isFolder = stats ? stats.isDirectory() : entry.isDirectory();
      if (!isFolder) {
        if ((stats ? stats.isFile() : entry.isFile()) && options.wantFile(rel, folderFromRoot === '' ? entry.name : `${folderFromRoot}/${entry.name}`))
          files.push(rel);
        continue;
      }
      if (options.skipFolder(rel, entry.name)) continue;
      const absolute = path.join(folder, entry.name);
      try {
        stats ??= fs.stat(absolute);
      } catch (error) {
        unreadable.push({ folder: rel, error });
        continue;
      }
      const id = identity(stats);
      if (link) linked.push({ folder: absolute, id });
      else if (!seen.has(id)) {
        seen.add(id);
        folders.push(absolute);
      }
    }
  }
  return { files, unreadable };
}

/** A folder's identity across the names that reach it (links, bind mounts). */
function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}
