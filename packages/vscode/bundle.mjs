// One file for the .vsix: the extension with vscode-languageclient inlined (vsce cannot follow
// pnpm's linked node_modules), `vscode` left to the editor.
import { build } from 'esbuild';

await build({
  entryPoints: ['extension.mjs'],
  outfile: 'dist/extension.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  logLevel: 'warning',
});
