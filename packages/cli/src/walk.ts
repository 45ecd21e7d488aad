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
  const rootRelative = slashed(path.relative(cwd, root));
  // Below cwd a folder's relative path is its parent's and its name; above or beside cwd the walk
  // can come back into cwd, where path.relative drops the way up, so it works each one out.
  const folderRelative: (absolute: string, parent: Folder, name: string) => string =
    rootRelative.startsWith('..') || path.isAbsolute(rootRelative)
      ? (absolute) => slashed(path.relative(cwd, absolute))
      : (_absolute, parent, name) => joined(parent.relative, name);
  const folders: Folder[] = [{ absolute: root, relative: rootRelative, fromRoot: '' }];
  // Folders reached through links wait until every folder reachable by its own name is walked,
  // so a folder is reported under its own path, not under a link to it.
  const linked: Array<{ folder: Folder; id: string }> = [];

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
      entries = fs.readdir(folder.absolute).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      unreadable.push({ folder: folder.relative || '.', error });
      continue;
    }
    for (const entry of entries) {
      const rel = joined(folder.relative, entry.name);
      const link = entry.isSymbolicLink();
      let stats: Stats | undefined;
      if (link) {
        try {
          stats = fs.stat(childPath(folder.absolute, entry.name));
        } catch {
          continue; // a dangling link, or one that loops on itself: nothing to read
        }
      }
      const isFolder = stats ? stats.isDirectory() : entry.isDirectory();
      if (!isFolder) {
        if ((stats ? stats.isFile() : entry.isFile()) && options.wantFile(rel, joined(folder.fromRoot, entry.name))) files.push(rel);
        continue;
      }
      if (options.skipFolder(rel, entry.name)) continue;
      const absolute = childPath(folder.absolute, entry.name);
      const child: Folder = { absolute, relative: folderRelative(absolute, folder, entry.name), fromRoot: joined(folder.fromRoot, entry.name) };
      try {
        stats ??= fs.stat(child.absolute);
      } catch (error) {
        unreadable.push({ folder: rel, error });
        continue;
      }
      const id = identity(stats);
      if (link) linked.push({ folder: child, id });
      else if (!seen.has(id)) {
        seen.add(id);
        folders.push(child);
      }
    }
  }
  return { files, unreadable };
}

/** A folder to walk: its absolute path, and its paths relative to the working directory and to the folder walked (`/`-separated). */
interface Folder {
  readonly absolute: string;
  readonly relative: string;
  readonly fromRoot: string;
}

/** `path.join(folder, name)` for a name readdir gave: no segment to normalize. */
function childPath(folder: string, name: string): string {
  return folder.endsWith(path.sep) ? `${folder}${name}` : `${folder}${path.sep}${name}`;
}

function joined(relative: string, name: string): string {
  return relative === '' ? name : `${relative}/${name}`;
}

function slashed(relative: string): string {
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/** A folder's identity across the names that reach it (links, bind mounts). */
function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}
