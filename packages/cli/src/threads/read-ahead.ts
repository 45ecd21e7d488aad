import type * as nodeFs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { readTextFile, sourceTextOf, type SourceText } from '@otalint/core/engine';

/**
 * A large one-thread run's reads, done ahead on a second thread (docs/decisions/0012-read-ahead.md):
 * a reader thread opens, reads and closes the run's files in order into a ring of shared slots,
 * while this thread lints; this thread only decodes each file's bytes out of its slot. Opening,
 * reading and closing a small file is most of what reading it costs (four system calls), and on
 * the main thread it is time the run's critical path pays. The reader reads ahead at most the
 * ring's worth of files (one file open at a time), and it reads only regular files that fit a
 * slot: anything else (a FIFO, a device, a large file, a read that failed) this thread reads
 * itself, as it would without a reader, so every error and every text is what it was.
 */
export interface ReadAhead {
  /** The text of `file` (an absolute path), the next of the run's files or not. */
  readText(file: string): SourceText;
  /** How many files came from the reader's slots. */
  readonly readAhead: number;
  /** Whether the reader thread has started (and maybe ended). */
  readonly started: boolean;
  /** Stop the reader (it may still be reading ahead) and let the process exit without it. */
  close(): void;
}

/** Files the reader may hold read ahead of this thread. */
const SLOTS = 32;
/** The largest file a slot holds; larger ones this thread reads itself. */
const SLOT_BYTES = 64 * 1024;
/** How long this thread waits for a file the reader took before it reads the file itself and stops using the reader. */
const GIVE_UP_MS = 10_000;

/** The shared control words (Int32Array indexes). */
const NEXT = 0; // the next file index to take (the reader, or this thread while the reader has not started)
const CONSUMED = 1; // files this thread is done with: the reader may reuse their slots
const STATE = 2; // IDLE, RUNNING or ENDED
const STOP = 3; // set by close(): the reader stops
const WAKE_AT = 4; // 0, or the CONSUMED count at which the reader, asleep with the ring full, wants waking
const READY = 5; // per slot: 1 + the index of the file it holds
const LENGTH = READY + SLOTS; // per slot: the file's byte length, or -1: this thread reads it
const CONTROL_WORDS = LENGTH + SLOTS;
const IDLE = 0;
const RUNNING = 1;
const ENDED = 2;

interface ReaderSetup {
  readonly files: readonly string[];
  readonly control: Int32Array;
  readonly data: SharedArrayBuffer;
  readonly layout: { readonly slots: number; readonly slotBytes: number; readonly words: Readonly<Record<string, number>> };
}

/**
 * Start reading `files` (absolute paths, in the order `readText` will be asked for them) on a
 * thread of their own. Undefined when no thread can start: the run reads its files itself.
 */
export function startReadAhead(files: readonly string[]): ReadAhead | undefined {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  const data = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
  const setup: ReaderSetup = {
    files,
    control,
    data,
    layout: { slots: SLOTS, slotBytes: SLOT_BYTES, words: { NEXT, CONSUMED, STATE, STOP, WAKE_AT, READY, LENGTH, RUNNING, ENDED } },
  };
  let worker: Worker;
  try {
    // The reader is one self-contained function, so the thread compiles a few lines, not the bundle.
    worker = new Worker(`(${readFiles.toString()})(require('node:worker_threads').workerData, require('node:fs'))`, { eval: true, workerData: setup });
  } catch {
    return undefined;
  }
  // A reader that fails leaves its state ENDED (or, killed, stops answering): this thread reads the rest.
  worker.on('error', () => {});
  worker.unref();
  return new SlotReader(files, control, Buffer.from(data), worker);
}

class SlotReader implements ReadAhead {
  #next = 0;
  #fromSlots = 0;
  #usable = true;

  constructor(
    private readonly files: readonly string[],
    private readonly control: Int32Array,
    private readonly bytes: Buffer,
    private readonly worker: Worker,
  ) {}

  get readAhead(): number {
    return this.#fromSlots;
  }

  get started(): boolean {
    return Atomics.load(this.control, STATE) !== IDLE;
  }

  readText(file: string): SourceText {
    const index = this.#next;
    if (!this.#usable) return readTextFile(file);
    // Asked out of order (no run does): the reader's order is no use any more.
    if (this.files[index] !== file) {
      this.close();
      return readTextFile(file);
    }
    this.#next++;
    try {
      const length = this.#wait(index);
      if (length < 0) return readTextFile(file);
      const start = (index % SLOTS) * SLOT_BYTES;
      this.#fromSlots++;
      return sourceTextOf(this.bytes, start, start + length);
    } finally {
      this.#consumed(index + 1);
    }
  }

  /** Files up to `count` are done with; waking the reader (a system call) only once it has half the ring to fill. */
  #consumed(count: number): void {
    const { control } = this;
    Atomics.store(control, CONSUMED, count);
    const wakeAt = Atomics.load(control, WAKE_AT);
    if (wakeAt !== 0 && count >= wakeAt) {
      Atomics.store(control, WAKE_AT, 0);
      Atomics.notify(control, CONSUMED);
    }
  }

  /** The byte length of file `index` in its slot once the reader has read it; -1: this thread reads it. */
  #wait(index: number): number {
    const { control } = this;
    const ready = READY + (index % SLOTS);
    let until = 0;
    for (;;) {
      const held = Atomics.load(control, ready);
      if (held === index + 1) return Atomics.load(control, LENGTH + (index % SLOTS));
      const state = Atomics.load(control, STATE);
      // Until the reader starts, this thread takes the files it comes to; once it has ended, what it did not deliver.
      if (state === ENDED) return -1;
      if (state !== RUNNING && Atomics.compareExchange(control, NEXT, index, index + 1) === index) return -1;
      // The clock is asked only once the file is not ready: most files are.
      if (until === 0) until = Date.now() + GIVE_UP_MS;
      const left = until - Date.now();
      if (left <= 0) {
        this.close();
        return -1;
      }
      Atomics.wait(control, ready, held, state === RUNNING ? left : 1);
    }
  }

  close(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, CONSUMED);
    this.#usable = false;
    this.worker.unref();
  }
}

/**
 * The reader thread's whole program, compiled from its source text in the thread: it must use
 * nothing from outside itself, and has no inner functions (a transpiler that keeps function names
 * would call a helper the thread does not have). Take the next file, wait for a free slot, read
 * the file into it. A path that is not a regular file is never opened: opening a FIFO would let
 * its writer's open return, and what it wrote would be lost when the reader closed it.
 */
function readFiles({ files, control, data, layout }: ReaderSetup, fs: typeof nodeFs): void {
  const { slots, slotBytes, words } = layout;
  const { NEXT, CONSUMED, STATE, STOP, WAKE_AT, READY, LENGTH, RUNNING, ENDED } = words as Record<string, number>;
  const bytes = new Uint8Array(data);
  Atomics.store(control, STATE!, RUNNING!);
  try {
    for (;;) {
      if (Atomics.load(control, STOP!) !== 0) return;
      const index = Atomics.load(control, NEXT!);
      if (index >= files.length) return;
      const consumed = Atomics.load(control, CONSUMED!);
      if (index - consumed >= slots) {
        // Asleep until half the ring is free (one wake-up per half ring, not per file): the other
        // thread sees WAKE_AT after it stores CONSUMED, or this one sees the new CONSUMED and does not sleep.
        Atomics.store(control, WAKE_AT!, index - slots / 2 + 1);
        Atomics.wait(control, CONSUMED!, consumed, 100);
        continue;
      }
      if (Atomics.compareExchange(control, NEXT!, index, index + 1) !== index) continue;
      const slot = index % slots;
      const start = slot * slotBytes;
      // -1: the other thread reads the file (not a regular file, too large, or a read that failed).
      let length = -1;
      try {
        const stat = fs.statSync(files[index]!, { throwIfNoEntry: false });
        if (stat?.isFile() && stat.size < slotBytes) {
          const fd = fs.openSync(files[index]!, 'r');
          try {
            let filled = 0;
            for (let read = 1; read > 0 && filled < slotBytes; filled += read) read = fs.readSync(fd, bytes, start + filled, slotBytes - filled, null);
            // A file that grew to fill its slot while it was read: the other thread reads it whole.
            length = filled < slotBytes ? filled : -1;
          } finally {
            fs.closeSync(fd);
          }
        }
      } catch {
        length = -1;
      }
      Atomics.store(control, LENGTH! + slot, length);
      Atomics.store(control, READY! + slot, index + 1);
      Atomics.notify(control, READY! + slot);
    }
  } finally {
    Atomics.store(control, STATE!, ENDED!);
    for (let slot = 0; slot < slots; slot++) Atomics.notify(control, READY! + slot);
  }
}
