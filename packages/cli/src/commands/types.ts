/** What a command may touch: injected so tests can run commands in-process too. */
export interface CommandIO {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutStream: { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  /**
   * Ctrl-C (SIGINT): call `handler` on each one instead of ending the process, until the returned
   * function is called. Absent (in-process tests, editors), interrupts are not caught.
   */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

export type Command = (args: readonly string[], io: CommandIO) => Promise<number>;
