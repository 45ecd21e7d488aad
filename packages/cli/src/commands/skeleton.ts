import type { CommandIO } from './types.js';
export async function skeletonCommand(_args: readonly string[], _io: CommandIO): Promise<number> {
  return 2;
}
