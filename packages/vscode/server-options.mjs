// What the extension starts and for which files: plain data, so it can be checked without VS Code.

/** The languages whose files may hold CreateOTAUpdate requests (each has a source kind in otalint). */
export const LANGUAGES = ['json', 'yaml', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'shellscript', 'makefile', 'markdown'];

/** Files whose change re-lints every open file. */
export const SETTINGS_FILES = '**/{otalint.config.mjs,otalint.config.js,.otalintrc.json,.otalintignore}';

/** The server command: the setting `otalint.path` (default: `otalint` on PATH), `lsp --stdio`. */
export function serverCommand(configuration) {
  return { command: configuration.get('path') || 'otalint', args: ['lsp', '--stdio'] };
}
