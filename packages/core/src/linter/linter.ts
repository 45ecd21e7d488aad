import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileResult } from '../diagnostic.js';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import { loadConfig, type LoadConfigOptions } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { readDocument } from '../document/load.js';
import type { DocumentFormat } from '../document/types.js';
import { lintDocument, summarize, type LintOptions } from './lint-document.js';

export interface LinterOptions extends LoadConfigOptions, LintOptions {}

/** The one entry point for library users, the CLI and editor integrations. */
export class Linter {
  private constructor(
    readonly config: ResolvedConfig,
    readonly cwd: string,
    private readonly lintOptions: LintOptions,
  ) {}

  static async create(options: LinterOptions): Promise<Linter> {
    const config = await loadConfig(options);
    return new Linter(config, options.cwd, options.debug === undefined ? {} : { debug: options.debug });
  }

  /** Lint text as if it were the file `filePath` (which need not exist: stdin, an editor buffer). */
  lintText(text: string, filePath: string, format?: DocumentFormat): FileResult {
    const absolute = path.resolve(this.cwd, filePath);
    const document = readDocument(filePath, text, format);
    return lintDocument(document, this.config.rulesFor(absolute), this.lintOptions);
  }

  /** Read and lint a file. An unreadable file is a fatal result, not an exception. */
  async lintFile(filePath: string): Promise<FileResult> {
    let text: string;
    try {
      text = await readFile(path.resolve(this.cwd, filePath), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      return summarize(
        filePath,
        [
          {
            ruleId: RESERVED_RULE_IDS.unreadable,
            severity: 'error',
            message: `Cannot read the file: ${reason}.`,
            path: '',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            offset: 0,
            length: 0,
          },
        ],
        true,
      );
    }
    return this.lintText(text, filePath);
  }

  isIgnored(filePath: string): boolean {
    return this.config.isIgnored(path.resolve(this.cwd, filePath));
  }
}
