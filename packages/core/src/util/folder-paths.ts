import path from 'node:path';

/**
 * The absolute paths of files named relative to one folder (`cwd`), as `path.resolve(cwd, file)`
 * gives them. A run's files come folder by folder, and `path.resolve` normalises the whole path in
 * JavaScript (a few µs a call, several calls per file): here a file's folder is resolved once for
 * all the files in it, and its name appended. On Windows every path goes through `path.resolve`.
 */
export class FolderPaths {
  /** How many times a path was resolved in full, for tests that hold a run to one per folder. */
  static resolved = 0;
  #file: string | undefined;
  #fileAbsolute = '';
  #folder: string | undefined;
  #folderAbsolute = '';

  constructor(readonly cwd: string) {}

  of(filePath: string): string {
    if (filePath !== this.#file) {
      this.#fileAbsolute = this.#resolve(filePath);
      this.#file = filePath;
    }
    return this.#fileAbsolute;
  }

  #resolve(filePath: string): string {
    const slash = filePath.lastIndexOf('/');
    if (path.sep !== '/' || !isPlainName(filePath, slash + 1)) return resolveFully(this.cwd, filePath);
    // `a/b/` resolves as `a/b` does, `/` as itself, and `` as the folder.
    const folder = filePath.slice(0, slash + 1);
    if (folder !== this.#folder) {
      this.#folderAbsolute = resolveFully(this.cwd, folder);
      this.#folder = folder;
    }
    const name = slash < 0 ? filePath : filePath.slice(slash + 1);
    return this.#folderAbsolute.endsWith('/') ? this.#folderAbsolute + name : `${this.#folderAbsolute}/${name}`;
  }
}

function resolveFully(cwd: string, filePath: string): string {
  FolderPaths.resolved++;
  return path.resolve(cwd, filePath);
}

/** Whether the last segment of a path (from `start`) is a name normalising leaves alone: not empty, `.` or `..`. */
function isPlainName(filePath: string, start: number): boolean {
  const length = filePath.length - start;
  if (length === 0) return false;
  if (length > 2 || filePath.charCodeAt(start) !== 0x2e) return true;
  return length === 2 && filePath.charCodeAt(start + 1) !== 0x2e;
}
