import { fstatSync, writeSync } from 'node:fs';
import { EXIT } from './exit-codes.js';

/**
 * A writer for standard output or error (`fd` 1 or 2), which ends quietly when its reader goes
 * away. `otalint | head` closes the pipe early (EPIPE): the rest of the output has nowhere to go,
 * so it is dropped and the run finishes with the exit code it would have had (a gate behind
 * `set -o pipefail` still sees lint errors), printing nothing about it, as `git log | head`
 * prints nothing. Any other failure to write (a full disk: ENOSPC) means the report was lost: it
 * is said through `reportTo`, and the run exits 2.
 *
 * A file, a pipe or a socket is written with write(2) itself, as Node's stream for it would
 * (synchronously, on Linux and macOS), without making the stream: that loads Node's stream
 * modules, a tenth of a one-file run. A terminal, or a pipe another process left non-blocking
 * (EAGAIN), gets Node's stream, `streamOf()`, made on first use.
 */
export function standardWriter(fd: 1 | 2, name: string, streamOf: () => NodeJS.WritableStream, reportTo?: (text: string) => void): (text: string) => void {
  let open = true;
  let direct: boolean | undefined;
  let stream: NodeJS.WritableStream | undefined;
  const fail = (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (error.code === 'EPIPE') return;
    process.exitCode = EXIT.failure;
    reportTo?.(`otalint: cannot write to ${name}: ${error.message}\n`);
  };
  const throughStream = (data: string | Uint8Array) => {
    if (!stream) {
      stream = streamOf();
      stream.on('error', fail);
    }
    stream.write(data);
  };
  return (text) => {
    if (!open || text === '') return;
    direct ??= writtenDirectly(fd);
    if (!direct) return throughStream(text);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return fail(error as NodeJS.ErrnoException);
      direct = false;
      throughStream(bytes.subarray(written));
    }
  };
}

/** Whether `fd` is a file, a pipe or a socket (not on Windows, whose console and pipes Node's streams handle). */
function writtenDirectly(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const stat = fstatSync(fd);
    return stat.isFile() || stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}
