import { EXIT, UsageError } from '../exit-codes.js';
import { ruleBudgetMs } from '../lint-run.js';
import { parseCommandLine } from '../options.js';
import type { CommandIO } from './types.js';

export const LSP_HELP = `Usage: otalint lsp --stdio [options]

Runs the otalint language server (Language Server Protocol 3.17) on standard input and output,
for editors: findings as you type, their fixes and suggestions as code actions, a suppression in
config as a code action, the AWS model's documentation on hover, member names and values as
completions in JSON and YAML request files. Each file is linted with the config and ignores that
\`otalint\` uses in its workspace folder, in a thread of its own (a slow rule never holds up the
editor). Set-up for VS Code, Neovim, Emacs, Helix, Zed and JetBrains IDEs: docs/editors.md.

Options:
      --stdio    Speak LSP on standard input and output (the only transport)
      --debug    Log stack traces of internal errors to the client's log
  -h, --help     Show this help`;

const SPEC = { stdio: { type: 'boolean' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function lspCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandLine(args, SPEC, 'lsp');
  if (values.help) {
    io.stdout(`${LSP_HELP}\n`);
    return EXIT.ok;
  }
  // The server's lint thread starts as `otalint lsp --stdio` too (through the bin and its code
  // cache, lsp/lint-thread.ts): there it lints for the server instead of serving a client.
  const worker = await import('../lsp/lint-worker.js');
  if (worker.isLintThread()) {
    worker.runLintWorker();
    return EXIT.ok;
  }
  if (!values.stdio) throw new UsageError('`otalint lsp` speaks LSP over standard input and output: run `otalint lsp --stdio`.');
  const budgetMs = ruleBudgetMs(io.env);
  // The server (and vscode-languageserver) load only for this command: `otalint` lint runs never pay for them.
  const { serve } = await import('../lsp/server.js');
  await serve({ input: io.stdin, output: process.stdout, debug: values.debug === true, ruleBudgetMs: budgetMs });
  return EXIT.ok;
}
