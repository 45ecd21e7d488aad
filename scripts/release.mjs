#!/usr/bin/env node
// `pnpm release [--skip-tests] [--dry-run]`: publishes every public package at its current
// version to the registry npm is configured with (`npm config get registry`, .npmrc, the
// npm_config_registry variable), from a clean git tree only: build, test, pack with pnpm (so
// `workspace:` and `catalog:` versions become real ones), check each tarball, publish dependencies
// first. A version the registry already has is left alone, so a release that stopped half-way can
// be run again. Versions come from `pnpm version-packages`. Decision record: docs/decisions/0004-release.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packPackage, packProblems, publicPackages } from './lib/packages.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const USAGE = 'usage: pnpm release [--skip-tests] [--dry-run]';

/** Exit codes: 0 published (or nothing to publish), 1 refused before publishing, 2 a step failed. */
const REFUSED = 1;
const FAILED = 2;

class Stop extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Uncommitted or untracked files (ignored ones do not count): a release is made from commits only. */
export function dirtyFiles(cwd) {
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd, encoding: 'utf8' });
  if (status.status !== 0) throw new Stop(REFUSED, `not a git checkout, or git failed: ${status.stderr.trim()}`);
  return status.stdout.split('\n').filter((line) => line.trim() !== '');
}

function step(title, command, args) {
  console.log(`\n> ${title}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Stop(FAILED, `${title} failed (exit ${result.status ?? result.signal}); nothing was published`);
}

function npm(args, options = {}) {
  return spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', ...options });
}

/** Whether the registry already has name@version (a 404 means no; any other failure stops the release). */
function published(name, version) {
  const result = npm(['view', `${name}@${version}`, 'version', '--json']);
  if (result.status === 0) return result.stdout.trim() !== '';
  if (/E404|404 Not Found/.test(result.stderr)) return false;
  throw new Stop(FAILED, `cannot ask the registry about ${name}@${version}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

function release(argv) {
  const unknown = argv.filter((arg) => !['--skip-tests', '--dry-run'].includes(arg));
  if (unknown.length > 0) throw new Stop(REFUSED, `unknown option ${unknown[0]}\n${USAGE}`);
  const skipTests = argv.includes('--skip-tests');
  const dryRun = argv.includes('--dry-run');

  const dirty = dirtyFiles(ROOT);
  if (dirty.length > 0) {
    throw new Stop(
      REFUSED,
      `the working tree is not clean; commit or remove these first (a release is made from commits only):\n${dirty.map((line) => `  ${line}`).join('\n')}`,
    );
  }
  const packages = publicPackages(ROOT);
  const versions = new Set(packages.map((pkg) => pkg.manifest.version));
  if (versions.size !== 1) throw new Stop(REFUSED, `the public packages are out of step (${[...versions].join(', ')}); run pnpm version-packages`);
  const version = [...versions][0];
  const registry = npm(['config', 'get', 'registry']).stdout.trim();
  console.log(`Releasing ${packages.map((pkg) => pkg.manifest.name).join(', ')} ${version} to ${registry}${dryRun ? ' (dry run)' : ''}`);

  step('build', process.execPath, [path.join(ROOT, 'scripts/build.mjs')]);
  if (skipTests) console.log('\n> test: skipped (--skip-tests)');
  else step('test', process.execPath, [path.join(ROOT, 'scripts/test.mjs')]);

  const pending = packages.filter((pkg) => {
    if (!published(pkg.manifest.name, version)) return true;
    console.log(`${pkg.manifest.name}@${version}: already on the registry, left alone`);
    return false;
  });
  const out = mkdtempSync(path.join(tmpdir(), 'otalint-release-'));
  try {
    const packed = pending.map((pkg) => ({ ...packPackage(pkg.dir, out), name: pkg.manifest.name }));
    const problems = packed.flatMap(packProblems);
    if (problems.length > 0) throw new Stop(FAILED, `the packages are not fit to publish; nothing was published:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    for (const pkg of packed) {
      const result = npm(['publish', pkg.tarball, '--tag', 'latest', ...(dryRun ? ['--dry-run'] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (result.status !== 0)
        throw new Stop(FAILED, `npm publish ${pkg.name}@${version} failed (exit ${result.status}); run pnpm release again to publish the rest`);
      console.log(`${pkg.name}@${version}: ${dryRun ? 'would be published' : 'published'}`);
    }
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    console.log(`\n${packed.length} of ${packages.length} packages ${dryRun ? 'would be published' : 'published'} (${version}, commit ${commit}).`);
    if (!dryRun && packed.length > 0)
      console.log(`Next: git tag v${version} && git push origin v${version}, then publish the pre-commit mirror (docs/decisions/0004-release.md).`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    release(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    console.error(`pnpm release: ${error.message}`);
    process.exit(error.code);
  }
}
