/** What a command may touch: injected so tests can run commands in-process too. */
export interface CommandIO {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutStream: { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
}

export type Command = (args: readonly string[], io: CommandIO) => Promise<number>;
