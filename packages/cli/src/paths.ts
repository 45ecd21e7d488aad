import path from 'node:path';

/** The path of a file relative to cwd, with forward slashes, as reports name files. */
export function relativeTo(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}
