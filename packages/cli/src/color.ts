/**
 * Whether human output gets ANSI colors: --color/--no-color win, then NO_COLOR (any value) and
 * FORCE_COLOR (0 disables), then whether the stream is a terminal.
 */
export function useColor(flag: boolean | undefined, stream: { isTTY?: boolean }, env = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}
