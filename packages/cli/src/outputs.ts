import path from 'node:path';
import type { CommandIO } from './commands/types.js';
import { UsageError } from './exit-codes.js';
import type { FormatTarget } from './options.js';
import type { ReportText } from './formatters/types.js';
import { writeReportFile } from './write-file.js';

/**
 * Write each report where its target says: standard output, or a file (its folders made, the
 * file replaced atomically). A file that cannot be written is a clear exit 2, after the others.
 */
export async function writeOutputs(outputs: ReadonlyArray<{ target: FormatTarget; render: () => ReportText }>, io: CommandIO): Promise<void> {
  const failures: string[] = [];
  for (const { target, render } of outputs) {
    const text = render();
    if (target.file === undefined) {
      if (typeof text === 'string') io.stdout(text);
      else for (const piece of text) io.stdout(piece);
      continue;
    }
    const file = path.resolve(io.cwd, target.file);
    try {
      await writeReportFile(file, text);
    } catch (error) {
      failures.push(`Cannot write the report ${target.file}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new UsageError(failures.join('\n'));
}
