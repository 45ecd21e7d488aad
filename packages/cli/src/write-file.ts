import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replace a file's content so that a crash at any moment leaves either the old file or the new
 * one, never a half-written or empty one: write a temporary file beside it, fsync, rename over
 * the original. The original's permission bits are kept.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.otalint-tmp`);
  const fd = openSync(temporary, 'wx', mode ?? 0o644);
  try {
    // open() applies the umask; the copy must have exactly the original's bits.
    if (mode !== undefined) fchmodSync(fd, mode);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, file);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

/** Write a report where CI expects it, making the folders it needs. */
export async function writeReportFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, text);
}
