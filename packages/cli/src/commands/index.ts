import type { Command } from './types.js';

/** Subcommands, loaded on demand so `lint` never pays for `submit` (the AWS SDK). */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./lint.js')).lintCommand,
  submit: async () => (await import('./submit.js')).submitCommand,
  rules: async () => (await import('./rules.js')).rulesCommand,
  'print-config': async () => (await import('./print-config.js')).printConfigCommand,
  init: async () => (await import('./init.js')).initCommand,
  skeleton: async () => (await import('./skeleton.js')).skeletonCommand,
  extract: async () => (await import('./extract.js')).extractCommand,
  lsp: async () => (await import('./lsp.js')).lspCommand,
};
