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

/** VS Code's own associations of file names and extensions with the languages the extension selects. */
const FILE_NAMES: Record<string, string> = { Makefile: 'makefile', makefile: 'makefile', GNUmakefile: 'makefile' };
const EXTENSIONS: Record<string, string> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.py': 'python',
  '.sh': 'shellscript',
  '.bash': 'shellscript',
  '.mk': 'makefile',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** A file name each glob of a kind matches: `**\/*.{ts,js}` → x.ts, x.js; `**\/Makefile` → Makefile; `**\/!(*.*)` → deploy. */
function samplesOf(pattern: string): string[] {
  const base = pattern.slice(pattern.lastIndexOf('/') + 1);
  const braces = /^\*\.\{([^}]+)\}$/.exec(base);
  if (braces) return braces[1]!.split(',').map((extension) => `x.${extension}`);
  if (base === '!(*.*)') return ['deploy'];
  return [base.replace(/\*/g, 'x')];
}

/** The language VS Code gives a file; an extension-less one is a shell script by its shebang. */
function languageOf(name: string): string | undefined {
  return FILE_NAMES[name] ?? (path.extname(name) === '' ? 'shellscript' : EXTENSIONS[path.extname(name)]);
}

test('activates on the languages it selects, and those cover every file a source kind of otalint reads', () => {
  assert.deepEqual(
    manifest.activationEvents,
    LANGUAGES.map((language) => `onLanguage:${language}`),
  );
  for (const kind of BUILTIN_SOURCE_KINDS) {
    for (const pattern of kind.patterns) {
      for (const name of samplesOf(pattern)) {
        const language = languageOf(name);
        assert.ok(
          language !== undefined && LANGUAGES.includes(language),
          `${kind.id} reads ${pattern} (${name}): the extension must select its language (${language})`,
        );
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
