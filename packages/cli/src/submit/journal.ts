import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../exit-codes.js';
import { JournalLock } from './journal-lock.js';

/**
 * The submission journal: JSON Lines, appended and fsynced one entry at a time, so that after any
 * crash it says what was about to be sent and what AWS answered. Format: docs/submit.md.
 */

export const JOURNAL_VERSION = 1;

/** The journal could not be appended to: the run must stop sending. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}

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

/** `unknown`: sent, and the answer could not be read or the run was interrupted; the next run asks AWS first. */
export type OutcomeResult = 'created' | 'already-exists' | 'conflict' | 'failed' | 'unknown';

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
    private readonly lock: JournalLock,
    private readonly scrub: (text: string) => string,
  ) {
    super(entries);
  }

  /**
   * Open (creating it and its folder if needed) and lock the journal. A second submit on the same
   * journal is refused while the first runs; a lock left by a killed process is taken over
   * (journal-lock.ts). `warn` hears about lines that cannot be read (a torn last line after a
   * crash); a journal written by a newer otalint is refused, since this one cannot judge it.
   */
  static open(file: string, options: { run: string; warn: (message: string) => void; scrub: (text: string) => string }): Journal {
    const dir = path.dirname(file);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`Cannot create the journal folder "${dir}": ${(error as Error).message}`);
    }
    const lock = JournalLock.take(`${file}.lock`);
    try {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const entries = parseEntries(file, text, options.warn);
      const fd = openSync(file, 'a');
      // A line cut short by a crash must not swallow the next entry: start on a fresh line.
      if (text !== '' && !text.endsWith('\n')) writeFully(fd, '\n');
      return new Journal(file, options.run, entries, fd, lock, options.scrub);
    } catch (error) {
      lock.release();
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
      writeFully(this.fd, line);
      fsyncSync(this.fd);
    } catch (error) {
      // Sending on without a record would break the no-double-send promise: stop the run instead.
      throw new JournalWriteError(`Cannot write the journal "${this.file}": ${(error as Error).message}. Stopped; nothing more is sent.`);
    }
    this.entries.push(full);
  }

  close(): void {
    closeSync(this.fd);
    this.lock.release();
  }
}

/** Write all of `text`: a write may take only part of it (a full disk, a signal). */
export function writeFully(fd: number, text: string, write: (fd: number, bytes: Buffer, offset: number) => number = writeSync): void {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length;) {
    const count = write(fd, bytes, written);
    if (count <= 0) throw new Error('the write made no progress');
    written += count;
  }
}

function readEntries(file: string, warn: (message: string) => void): JournalEntry[] {
  return parseEntries(file, readFileSync(file, 'utf8'), warn);
}

function parseEntries(file: string, text: string, warn: (message: string) => void): JournalEntry[] {
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    const version = (value as { v?: unknown } | undefined)?.v;
    if (typeof version === 'number' && version > JOURNAL_VERSION) {
      throw new UsageError(
        `${file}:${index + 1} was written by a newer otalint (journal version ${version}; this one reads version ${JOURNAL_VERSION}). ` +
          'It cannot tell what that run sent, so it sends nothing: upgrade otalint, or pass --journal with another file.',
      );
    }
    if (isEntry(value)) entries.push(value);
    else warn(`${file}:${index + 1}: not a journal entry; ignored${index === lines.length - 1 ? ' (a write cut short by a crash?)' : ''}.`);
  });
  return entries;
}
