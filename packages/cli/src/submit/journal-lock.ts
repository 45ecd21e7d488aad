import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { UsageError } from '../exit-codes.js';

/**
 * The journal's lock: one `otalint submit` at a time per journal, across processes.
 *
 * - Taking it is one atomic step: the lock file is written in full under a unique name and then
 *   hard-linked into place, which fails if a lock is there. So a lock is never seen empty, and of
 *   processes started together exactly one wins.
 * - A lock names its process (pid, host, and on Linux the boot and the moment the process started)
 *   and a random token. A lock whose process is gone (killed, the machine rebooted, the pid now
 *   another program's) is stale and is taken over. A lock from another host (a journal on a shared
 *   disk) cannot be judged from here: it holds until removed by hand. Only the holder of a second
 *   lock named after the stale one (`<lock>.break-<token>`, taken the same way) may remove it, and
 *   only after checking under it that the file there is still the stale one (same file, token and time), so two
 *   processes that judged it stale at once cannot both take it, nor delete a fresh lock taken
 *   meanwhile (see `breakStale`).
 * - `release` removes the lock only if it is still this run's (same token).
 */

const BREAK_LOCK_STALE_MS = 10_000;

/** Locks this process holds: a lock naming this pid is live only if it is one of them (else the pid was reused). */
const heldHere = new Set<string>();

interface Holder {
  readonly pid: number | undefined;
  readonly token: string | undefined;
  readonly host: string | undefined;
  /** Which process of that pid: `boot-id:start-ticks` (Linux); undefined where unknown. */
  readonly started: string | undefined;
  readonly mtimeMs: number;
  /** The lock file itself: a lock put in its place since is another file, whatever it says. */
  readonly inode: number;
}

const HOST = hostname();

export class JournalLock {
  private constructor(
    readonly file: string,
    private readonly token: string,
  ) {}

  /** Take the lock, or throw a UsageError naming the process that holds it. */
  static take(file: string): JournalLock {
    for (let tries = 0; tries < 5; tries++) {
      const token = tryLink(file);
      if (token !== undefined) {
        heldHere.add(file);
        return new JournalLock(file, token);
      }
      const holder = readHolder(file);
      if (holder === undefined) continue; // released meanwhile: try again
      if (isHeld(holder, file)) throw new UsageError(inUse(holder, file));
      breakStale(file, holder);
    }
    throw new UsageError(`Cannot lock the journal (${file}): it keeps changing hands; try again.`);
  }

  /** Remove the lock if it is still this run's. */
  release(): void {
    heldHere.delete(this.file);
    try {
      if (readHolder(this.file)?.token === this.token) unlinkSync(this.file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Write a lock naming this process under a unique name, link it into place: its token, or undefined if a lock is there. */
function tryLink(file: string): string | undefined {
  const token = randomUUID();
  const temporary = `${file}.${process.pid}.${token}`;
  try {
    writeFileSync(temporary, `${process.pid}\n${token}\n${HOST}\n${processStart(process.pid) ?? ''}\n`, { flag: 'wx' });
  } catch (error) {
    throw new UsageError(`Cannot lock the journal (${file}): ${(error as Error).message}`);
  }
  try {
    linkSync(temporary, file);
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new UsageError(`Cannot lock the journal (${file}): ${(error as Error).message}`);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing left to tidy.
    }
  }
}

function readHolder(file: string): Holder | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`Cannot read the journal lock (${file}): ${(error as Error).message}`);
  }
  try {
    // Its times and its text from one open file: a lock replaced between a stat and a read by name
    // would pair one file's time with another's holder.
    const { mtimeMs, ino } = fstatSync(descriptor);
    // pid, token, host, start: one a line (a lock from an older otalint holds only the pid).
    const [first = '', token, host, started] = readFileSync(descriptor, 'utf8').split('\n');
    const pid = Number.parseInt(first, 10);
    return {
      pid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
      token: token || undefined,
      host: host || undefined,
      started: started || undefined,
      mtimeMs,
      inode: ino,
    };
  } catch (error) {
    throw new UsageError(`Cannot read the journal lock (${file}): ${(error as Error).message}`);
  } finally {
    closeSync(descriptor);
  }
}

/** Whether the lock there now is the very file judged stale: the same file, unchanged since (the same token, pid, time and inode). */
function isSameLock(now: Holder | undefined, stale: Holder): boolean {
  return now !== undefined && now.inode === stale.inode && now.token === stale.token && now.pid === stale.pid && now.mtimeMs === stale.mtimeMs;
}

/**
 * Whether a lock still holds: its process lives, and is the one that took it. A lock naming no
 * process (from another tool) holds until it is old; one from another host always holds.
 */
function isHeld(holder: Holder, file: string): boolean {
  if (holder.pid === undefined) return Date.now() - holder.mtimeMs < BREAK_LOCK_STALE_MS;
  if (holder.host !== undefined && holder.host !== HOST) return true;
  if (holder.pid === process.pid) return heldHere.has(file);
  if (!isAlive(holder.pid)) return false;
  const started = holder.started === undefined ? undefined : processStart(holder.pid);
  // The pid lives but started after the lock was taken (or since a reboot): another program has it now.
  return started === undefined || started === holder.started;
}

function inUse(holder: Holder, file: string): string {
  const who = holder.pid === undefined ? '' : ` (pid ${holder.pid}${holder.host !== undefined && holder.host !== HOST ? ` on ${holder.host}` : ''})`;
  const elsewhere = holder.host !== undefined && holder.host !== HOST;
  return (
    `The journal is in use by another otalint submit${who}; wait for it to finish. ` +
    (elsewhere
      ? `(A lock from another host cannot be checked from here: if that run is gone, remove ${file}.)`
      : `(A lock left by a run that was killed is taken over by the next run; remove ${file} by hand only if that process is stuck.)`)
  );
}

/** Linux: `boot-id:start-time` of a process, which no later process with the same pid shares. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return ticks === undefined ? undefined : `${bootId()}:${ticks}`;
  } catch {
    return undefined;
  }
}

let boot: string | undefined;
function bootId(): string {
  try {
    boot ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    boot = '';
  }
  return boot;
}

/**
 * Remove a stale lock, as its one breaker: the process that takes the break lock named after it
 * (`<lock>.break-<its token>`). A lock's token is never reused, so of all the processes that ever
 * judge that lock stale only one at a time holds its break lock, and what it checks (the lock
 * there is still that one) no other process can change before it removes it. A break lock left by
 * a breaker killed in that instant is stale in turn, and broken the same way, one level down.
 */
function breakStale(file: string, stale: Holder, depth = 0): void {
  const breakFile = `${file}.break-${stale.token ?? `${stale.pid ?? 'none'}-${stale.mtimeMs}`}`;
  let breaker = tryLink(breakFile);
  if (breaker === undefined) {
    // Another process is breaking it: let it, unless it was killed doing so.
    const other = readHolder(breakFile);
    if (other && depth < MAX_BREAK_DEPTH && !isHeld(other, breakFile) && Date.now() - other.mtimeMs > BREAK_LOCK_STALE_MS) {
      breakStale(breakFile, other, depth + 1);
      breaker = tryLink(breakFile);
    }
    if (breaker === undefined) return sleepBriefly();
  }
  try {
    const now = readHolder(file);
    if (isSameLock(now, stale)) removeFile(file);
  } finally {
    if (readHolder(breakFile)?.token === breaker) removeFile(breakFile);
  }
}

/** Break locks left by breakers killed while breaking, one inside another, followed this deep. */
const MAX_BREAK_DEPTH = 3;

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`Cannot remove the stale journal lock (${file}): ${(error as Error).message}`);
  }
}

function sleepBriefly(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
