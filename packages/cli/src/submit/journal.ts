import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../exit-codes.js';

/**
 * The submission journal: JSON Lines, appended and fsynced one entry at a time, so that after any
 * crash it says what was about to be sent and what AWS answered. Format: docs/submit.md.
 */

export const JOURNAL_VERSION = 1;

/** The journal could not be appended to: the run must stop sending. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}
export const DEFAULT_JOURNAL = '.otalint/submissions.jsonl';

interface EntryBase {
  readonly v: typeof JOURNAL_VERSION;
  readonly time: string;
  readonly run: string;
  /** Where the update lives: the resolved service endpoint (it names the region). */
  readonly endpoint: string;
  readonly region: string;
  readonly otaUpdateId: string;
  readonly requestHash: string;
  readonly file: string;
}

export interface AttemptEntry extends EntryBase {
  readonly event: 'attempt';
}

export type OutcomeResult = 'created' | 'already-exists' | 'conflict' | 'failed';

export interface OutcomeEntry extends EntryBase {
  readonly event: 'outcome';
  readonly result: OutcomeResult;
  readonly otaUpdateArn?: string;
  readonly otaUpdateStatus?: string;
  readonly error?: { readonly code: string; readonly message: string; readonly httpStatus?: number };
}

export interface StatusEntry extends EntryBase {
  readonly event: 'status';
  readonly otaUpdateStatus: string;
  readonly errorInfo?: { readonly code?: string | undefined; readonly message?: string | undefined };
}

export type JournalEntry = AttemptEntry | OutcomeEntry | StatusEntry;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An entry as callers give it: the journal adds the version, time and run id. */
export type NewEntry = DistributiveOmit<JournalEntry, 'v' | 'time' | 'run'>;
/** Just the event part of an entry: what differs between attempt, outcome and status. */
export type EventFields = DistributiveOmit<NewEntry, Exclude<keyof EntryBase, never>>;

const EVENTS = new Set(['attempt', 'outcome', 'status']);

function isEntry(value: unknown): value is JournalEntry {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    entry.v === JOURNAL_VERSION &&
    EVENTS.has(entry.event as string) &&
    typeof entry.endpoint === 'string' &&
    typeof entry.otaUpdateId === 'string' &&
    typeof entry.requestHash === 'string'
  );
}

/** What a journal says, read-only (a dry run reads it without locking it). */
export class JournalRecords {
  protected constructor(protected readonly entries: JournalEntry[]) {}

  static read(file: string, warn: (message: string) => void): JournalRecords {
    return new JournalRecords(existsSync(file) ? readEntries(file, warn) : []);
  }

  /** Entries about this update at this endpoint, oldest first. */
  history(endpoint: string, otaUpdateId: string): JournalEntry[] {
    return this.entries.filter((entry) => entry.endpoint === endpoint && entry.otaUpdateId === otaUpdateId);
  }

  /** The last successful outcome for the update (created, or confirmed already there). */
  lastSuccess(endpoint: string, otaUpdateId: string): OutcomeEntry | undefined {
    return this.history(endpoint, otaUpdateId)
      .filter((entry): entry is OutcomeEntry => entry.event === 'outcome' && (entry.result === 'created' || entry.result === 'already-exists'))
      .at(-1);
  }

  /** Whether this journal ever recorded sending exactly this request for this update. */
  sentBefore(endpoint: string, otaUpdateId: string, requestHash: string, excludeRun?: string): boolean {
    return this.history(endpoint, otaUpdateId).some((entry) => entry.event === 'attempt' && entry.requestHash === requestHash && entry.run !== excludeRun);
  }
}

/** The journal a run appends to, locked for the run. */
export class Journal extends JournalRecords {
  private constructor(
    readonly file: string,
    readonly run: string,
    entries: JournalEntry[],
    private readonly fd: number,
    private readonly lockFile: string,
    private readonly scrub: (text: string) => string,
  ) {
    super(entries);
  }

  /**
   * Open (creating it and its folder if needed) and lock the journal. A second submit on the same
   * journal is refused while the first runs; a lock left by a killed process is taken over.
   * `warn` hears about lines that cannot be read (a torn last line after a crash).
   */
  static open(file: string, options: { run: string; warn: (message: string) => void; scrub: (text: string) => string }): Journal {
    const dir = path.dirname(file);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`Cannot create the journal folder "${dir}": ${(error as Error).message}`);
    }
    const lockFile = `${file}.lock`;
    takeLock(lockFile);
    try {
      const entries = existsSync(file) ? readEntries(file, options.warn) : [];
      const fd = openSync(file, 'a');
      return new Journal(file, options.run, entries, fd, lockFile, options.scrub);
    } catch (error) {
      releaseLock(lockFile);
      if (error instanceof UsageError) throw error;
      throw new UsageError(`Cannot open the journal "${file}": ${(error as Error).message}`);
    }
  }

  /** Append one entry and fsync it before returning: it is on disk when this returns. */
  append(entry: NewEntry): void {
    const { event, ...rest } = entry;
    // Fixed leading keys (version, event, time, run) keep the file easy to read and grep.
    const full = { v: JOURNAL_VERSION, event, time: new Date().toISOString(), run: this.run, ...rest } as JournalEntry;
    const line = `${this.scrub(JSON.stringify(full))}\n`;
    try {
      writeSync(this.fd, line);
      fsyncSync(this.fd);
    } catch (error) {
      // Sending on without a record would break the no-double-send promise: stop the run instead.
      throw new JournalWriteError(`Cannot write the journal "${this.file}": ${(error as Error).message}. Stopped; nothing more is sent.`);
    }
    this.entries.push(full);
  }

  close(): void {
    closeSync(this.fd);
    releaseLock(this.lockFile);
  }
}

function readEntries(file: string, warn: (message: string) => void): JournalEntry[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isEntry(value)) entries.push(value);
    else warn(`${file}:${index + 1}: not a journal entry; ignored${index === lines.length - 1 ? ' (a write cut short by a crash?)' : ''}.`);
  });
  return entries;
}

function takeLock(lockFile: string): void {
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`Cannot lock the journal (${lockFile}): ${(error as Error).message}`);
      const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new UsageError(`The journal is in use by another otalint submit (pid ${holder}); wait for it, or remove ${lockFile} if that process is gone.`);
      }
      unlinkSync(lockFile);
    }
  }
  throw new UsageError(`Cannot lock the journal (${lockFile}).`);
}

function releaseLock(lockFile: string): void {
  try {
    unlinkSync(lockFile);
  } catch {
    // Already gone: nothing to release.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
