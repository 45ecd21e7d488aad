import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { closest } from '@otalint/core';
import { CONFIG_FILE_NAMES } from '@otalint/core/engine';
import { plugin as builtins } from '@otalint/rules';
import { EXIT, UsageError } from '../exit-codes.js';
import { parseCommandLine } from '../options.js';
import type { CommandIO } from './types.js';

export const INIT_HELP = `Usage: otalint init [options]

Writes a starter config in the current folder: otalint.config.mjs (flat config, JavaScript),
or .otalintrc.json with --json. Never overwrites a config that is already there.

Options:
      --json           Write .otalintrc.json instead of otalint.config.mjs
      --preset NAME    The preset to extend (default: recommended)
  -h, --help           Show this help`;

const SPEC = {
  json: { type: 'boolean' },
  preset: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function initCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, SPEC, 'init');
  if (values.help) {
    io.stdout(`${INIT_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError('`otalint init` takes no file names; it writes in the current folder (see --help).');
  const preset = checkPreset(values.preset ?? 'recommended');

  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(path.join(io.cwd, name)));
  if (existing) {
    io.stderr(`otalint: ${existing} already exists; not overwriting it. Edit it, or remove it and run \`otalint init\` again.\n`);
    return EXIT.failure;
  }
  const name = values.json ? '.otalintrc.json' : 'otalint.config.mjs';
  const text = values.json ? jsonConfig(preset) : moduleConfig(preset);
  try {
    // 'wx': fail rather than overwrite, should a config appear between the check and the write.
    await writeFile(path.join(io.cwd, name), text, { flag: 'wx' });
  } catch (error) {
    io.stderr(`otalint: cannot write ${name}: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  io.stdout(`Wrote ${name} (extends "${preset}"). Run \`otalint\` to lint the request files here; \`otalint rules\` lists the rules.\n`);
  return EXIT.ok;
}

function checkPreset(preset: string): string {
  const names = Object.keys(builtins.configs ?? {});
  if (names.includes(preset)) return preset;
  const hint = closest(preset, names);
  throw new UsageError(`Unknown preset "${preset}"${hint ? `; did you mean "${hint}"` : ''}. Presets: ${names.join(', ')}.`);
}

function moduleConfig(preset: string): string {
  return `// otalint config (flat config): an array of objects, applied in order.
// Rules: \`otalint rules\`. The config a file gets: \`otalint print-config <file>\`.
export default [
  { extends: ['${preset}'] },

  // Files otalint never lints:
  // { ignores: ['drafts/**'] },

  // Settings for some files only (globs relative to this file):
  // {
  //   files: ['ota/production/**'],
  //   rules: { 'rule-id': 'error' },
  // },
];
`;
}

function jsonConfig(preset: string): string {
  return `${JSON.stringify([{ extends: [preset] }], null, 2)}\n`;
}
