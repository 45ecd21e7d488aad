import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { packPackage, packProblems, publicPackages } from '../../../scripts/lib/packages.mjs';
import { AWS_SDK_PACKAGES } from '../src/aws/sdk-packages.js';
import { REPO_ROOT } from './helpers/run-cli.js';

/** The public packages as the release packs them: complete, installable by npm alone, in step. */
const test = suite('packaging');

const packages = publicPackages(REPO_ROOT);
const names = packages.map((pkg) => pkg.manifest.name as string);

test('the public packages, dependencies first', () => {
  assert.deepEqual(names, ['@otalint/core', '@otalint/rules', '@otalint/cli', 'eslint-plugin-otalint']);
});

test('every public package packs into a tarball npm can install and run (entry points, README, LICENSE, no workspace: versions)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'otalint-pack-'));
  for (const pkg of packages) {
    const packed = packPackage(pkg.dir, out);
    assert.deepEqual(packProblems(packed), [], pkg.manifest.name);
    assert.equal(packed.manifest.version, pkg.manifest.version);
  }
});

test('the tarball check catches an entry point left out of "files", and versions npm cannot read', () => {
  const manifest = {
    name: 'x',
    description: 'x',
    license: 'MIT',
    engines: { node: '>=20' },
    repository: { url: 'git+https://example.invalid/x.git', directory: 'packages/x' },
    files: ['dist'],
    types: './dist/index.d.ts',
    bin: { x: './bin/x.js' },
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    dependencies: { y: 'workspace:*' },
  };
  const problems = packProblems({ manifest, files: ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map'] });
  assert.deepEqual(problems, [
    'x: "bin/x.js" (bin, main, types or exports) is not in the tarball: add it to "files" or build it first',
    'x: dependencies y is "workspace:*", which npm cannot install',
    'x: the tarball ships build or test leftovers: dist/index.js.map',
  ]);
});

test('one version for all (the fixed group in .changeset/config.json covers every public package)', () => {
  const versions = new Set(packages.map((pkg) => pkg.manifest.version));
  assert.equal(versions.size, 1, [...versions].join(', '));
  const config = JSON.parse(readFileSync(path.join(REPO_ROOT, '.changeset/config.json'), 'utf8')) as { fixed: string[][] };
  const group = config.fixed[0]!.map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`));
  for (const name of names)
    assert.ok(
      group.some((pattern) => pattern.test(name)),
      `${name} is in the fixed group`,
    );
});

test('each package ships the root LICENSE', () => {
  const root = readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8');
  assert.match(root, /Apache License\s+Version 2\.0/);
  for (const pkg of packages) {
    assert.equal(pkg.manifest.license, 'Apache-2.0');
    assert.equal(readFileSync(path.join(pkg.dir, 'LICENSE'), 'utf8'), root, `${pkg.manifest.name}/LICENSE`);
  }
});

test('the AWS SDK is not installed with @otalint/cli: every client otalint loads is an optional peer dependency', () => {
  const cli = packages.find((pkg) => pkg.manifest.name === '@otalint/cli')!.manifest;
  const sdk = (field: string) => Object.keys(cli[field] ?? {}).filter((name) => name.startsWith('@aws-sdk/'));
  assert.deepEqual(sdk('dependencies'), []);
  assert.deepEqual(sdk('optionalDependencies'), []);
  assert.deepEqual(sdk('peerDependencies'), [...AWS_SDK_PACKAGES]);
  for (const name of AWS_SDK_PACKAGES) assert.equal(cli.peerDependenciesMeta[name]?.optional, true, name);
});

test.run();
