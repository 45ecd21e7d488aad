import { decodeValue, encodeValue, type FileResult, type RuleSetting, type RuleTime } from '@otalint/core/engine';
import type { LintedFile } from '../lint-file.js';

/** `workerData.role` of a lint run's thread (the language server's lint thread has its own). */
export const LINT_RUN_THREAD_ROLE = 'otalint-lint-run-thread';

/** What a lint run's thread is started with (structured-cloned into it). */
export interface ThreadSetup {
  readonly role: typeof LINT_RUN_THREAD_ROLE;
  readonly cwd: string;
  readonly configFile?: string | undefined;
  /** `--rule` settings as entries (a null-prototype object does not survive the copy). */
  readonly rules: ReadonlyArray<readonly [string, RuleSetting]>;
  readonly debug: boolean;
  readonly firmware?: string | undefined;
  /** The variables the run reads: OTALINT_RULE_TIMEOUT_MS, OTALINT_TEST_FAULT. */
  readonly env: Readonly<Record<string, string>>;
  readonly cacheLocation?: string | undefined;
  readonly toolVersion: string;
  readonly fix?: 'write' | 'dry-run' | undefined;
  readonly retain: boolean;
  /** `OTALINT_TIMING`: time the rules, and send their times with `done`. */
  readonly timing: boolean;
  /** The run's files, relative to cwd, and which of them were named (1) rather than found in a folder (0). */
  readonly files: readonly string[];
  readonly named: Uint8Array;
  /** One Int32: the index of the next file to lint, shared by every thread of the run. */
  readonly next: SharedArrayBuffer;
  /** The V8 flags the run has set (the process's): bin/lint-thread.cjs compiles the bundle as V8 started. */
  readonly v8Flags: readonly string[];
}

/** A file's outcome as it crosses threads: `null` when a folder brought it in and it holds no request. */
export type ThreadItem = readonly [index: number, linted: LintedFile | null];

export type FromThread =
  | { readonly type: 'ready' }
  | { readonly type: 'setup-failed'; readonly message: string }
  | { readonly type: 'linted'; readonly items: readonly ThreadItem[] }
  | { readonly type: 'done'; readonly ruleTimes?: readonly RuleTime[] };

/** Results that cross threads this many files at a time: what a thread that dies may take with it. */
export const ITEMS_PER_MESSAGE = 32;

/**
 * A linted file as it is sent: request values encoded (an unknown value or an open container
 * would arrive as a plain object, its brand lost in the copy), the rest as it is.
 */
export function encodeLinted(linted: LintedFile): LintedFile {
  const requests = linted.result.requests;
  if (!requests) return linted;
  return { ...linted, result: { ...linted.result, requests: requests.map((request) => ({ ...request, value: encodeValue(request.value) })) } };
}

export function decodeLinted(linted: LintedFile): LintedFile {
  const requests = linted.result.requests;
  if (!requests) return linted;
  const result: FileResult = { ...linted.result, requests: requests.map((request) => ({ ...request, value: decodeValue(request.value) })) };
  return { ...linted, result };
}
