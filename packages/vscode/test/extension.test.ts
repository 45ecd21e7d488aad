import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SOURCE_KINDS } from '@otalint/core/engine';
import { suite } from 'uvu';
import { LANGUAGES, serverCommand } from '../server-options.mjs';

/**
 * The VS Code extension. VS Code itself cannot run here, so: its manifest against the client
 * library it bundles, its languages against otalint's source kinds, the server command it starts,
 * and the real `vsce` packaging it into a .vsix, bundled by esbuild.
 */
const test = suite('packages/vscode: the extension');
const dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(dir, 'package.json'));
const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
};

/** The file extensions VS Code gives each language id the extension activates on. */
const EXTENSIONS: Record<string, string[]> = {
  json: ['.json'],
  yaml: ['.yaml', '.yml'],
  typescript: ['.ts', '.mts', '.cts'],
  javascript: ['.js', '.mjs', '.cjs'],
  typescriptreact: ['.tsx'],
  javascriptreact: ['.jsx'],
  python: ['.py'],
  shellscript: ['.sh', '.bash'],
  markdown: ['.md'],
};

/** The file extensions a kind's glob names (a brace list of them, or one). */
function extensionsOf(pattern: string): string[] {
  const braces = /\*\.\{([^}]+)\}$/.exec(pattern);
  return braces ? braces[1]!.split(',').map((extension) => `.${extension}`) : [path.extname(pattern)];
}

test('activates on the languages it selects, and those cover every file a source kind of otalint reads', () => {
  assert.deepEqual(
    manifest.activationEvents,
    LANGUAGES.map((language) => `onLanguage:${language}`),
  );
  const covered = new Set(LANGUAGES.flatMap((language) => EXTENSIONS[language] ?? []));
  for (const kind of BUILTIN_SOURCE_KINDS) {
    for (const pattern of kind.patterns) {
      for (const extension of extensionsOf(pattern)) {
        assert.ok(covered.has(extension), `${kind.id} reads ${pattern}: the extension must select a language for ${extension}`);
      }
    }
  }
});

test('its engine range is the one vscode-languageclient needs', () => {
  const client = JSON.parse(readFileSync(require.resolve('vscode-languageclient/package.json'), 'utf8')) as { engines: { vscode: string } };
  assert.equal(manifest.engines.vscode, client.engines.vscode);
});

test('starts `otalint lsp --stdio`, or the command in the setting otalint.path', () => {
  assert.equal(manifest.contributes.configuration.properties['otalint.path']!.default, 'otalint');
  assert.deepEqual(serverCommand({ get: () => undefined }), { command: 'otalint', args: ['lsp', '--stdio'] });
  assert.equal(serverCommand({ get: (key: string) => (key === 'path' ? './node_modules/.bin/otalint' : undefined) }).command, './node_modules/.bin/otalint');
});

const vsce = path.join(dir, 'node_modules/.bin/vsce');
(existsSync(vsce) ? test : test.skip)('vsce packages it into a .vsix holding the bundled extension', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'otalint-vsix-'));
  try {
    const vsix = path.join(out, 'otalint.vsix');
    const bundle = spawnSync(process.execPath, ['bundle.mjs'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bundle.status, 0, bundle.stderr);
    const run = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    const list = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' });
    const entries = list.stdout.trim().split('\n');
    assert.ok(entries.includes('extension/dist/extension.cjs'), entries.join(', '));
    assert.ok(entries.includes('extension/package.json'));
    assert.ok(!entries.some((entry) => entry.includes('node_modules/')), 'the client library is bundled, not shipped as node_modules');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
