/** The CLI's exit codes; CI gates and pre-commit rely on them. */
export const EXIT = {
  /** No errors, and warnings within --max-warnings. */
  ok: 0,
  /** Lint errors, or more warnings than --max-warnings. */
  lintErrors: 1,
  /** The run itself failed: bad arguments or config, unreadable input, no match, internal error. */
  failure: 2,
  /** A lint thread stopped while it held files (`--concurrency`): those are reported as not linted, the rest was. */
  threadStopped: 3,
  /** Ctrl-C stopped the run (128 + SIGINT, as shells report it); what was done is reported. */
  interrupted: 130,
} as const;

/** An error that ends the run with exit 2 and a one-line message, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
