import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { nodeCrypto } from '@otalint/core/engine';
import type { FaultHook } from './fault-hooks.js';
import type { ReportText } from './formatters/types.js';

/**
 * Replace a file's content so that a crash at any moment leaves either the old file or the new
 * one, never a half-written or empty one: write a temporary file beside it, fsync, rename over
 * the original, fsync the folder. The original's permission bits are kept, and a symbolic link
 * stays a link: the file it points to is replaced. A kill between write and rename leaves the
 * old file and a `.NAME.*.otalint-tmp` beside it.
 */
export async function writeFileAtomically(file: string, text: ReportText, options: { fault?: FaultHook } = {}): Promise<void> {
  let target = file;
  let mode: number | undefined;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${nodeCrypto().randomBytes(4).toString('hex')}.otalint-tmp`);
  const fd = openSync(temporary, 'wx', mode ?? 0o644);
  try {
    // open() applies the umask; the copy must have exactly the original's bits.
    if (mode !== undefined) fchmodSync(fd, mode);
    for (const piece of typeof text === 'string' ? [text] : text) {
      const bytes = Buffer.from(piece, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  options.fault?.('before-rename');
  try {
    renameSync(temporary, target);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
  syncFolder(path.dirname(target));
}

/** Make a rename durable: fsync the folder that holds it (where the platform allows it). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Write a report where CI expects it, making the folders it needs. */
export async function writeReportFile(file: string, text: ReportText): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomically(file, text);
}
