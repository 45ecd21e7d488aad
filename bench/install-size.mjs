#!/usr/bin/env node
// What users install: `npm i -D ...` in empty projects against a local registry (verdaccio) to
// which `pnpm release --skip-tests` has just published this checkout, then `du` of node_modules.
// Prints the size and package count of @otalint/cli alone, with the AWS SDK clients that only
// `submit` and `lint --deep` need, and of eslint-plugin-otalint beside eslint against eslint alone;
// and the biggest packages of the plain install.
//
//   node bench/install-size.mjs        (a clean, built checkout; npm ci --prefix .ci/verdaccio)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findVerdaccio, startRegistry } from '../scripts/lib/local-registry.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SDK = ['acm', 'iam', 'iot', 's3', 'signer', 'sts'].map((name) => `@aws-sdk/client-${name}@3`);

const verdaccio = findVerdaccio();
if (!verdaccio) {
  console.error('verdaccio is not installed: npm ci --prefix .ci/verdaccio');
  process.exit(2);
}
const registry = await startRegistry(verdaccio);
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));
Object.assign(env, { NPM_CONFIG_USERCONFIG: registry.userconfig, npm_config_registry: registry.url });
const scratch = mkdtempSync(path.join(tmpdir(), 'otalint-install-size-'));

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** kB on disk of a folder, as `du -sk` counts it. */
const kilobytes = (dir) => Number(run('du', ['-sk', dir], root).split('\t')[0]);
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

function install(name, packages) {
  const dir = path.join(scratch, name);
  run('mkdir', ['-p', dir], root);
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "project", "private": true }\n');
  const started = Date.now();
  run('npm', ['i', '-D', '--no-audit', '--no-fund', ...packages], dir);
  const modules = path.join(dir, 'node_modules');
  const count = run('npm', ['ls', '--all', '--parseable'], dir).trim().split('\n').length - 1;
  return { dir, modules, kb: kilobytes(modules), count, seconds: (Date.now() - started) / 1000 };
}

try {
  run(process.execPath, ['scripts/release.mjs', '--skip-tests'], root);
  const rows = [
    ['npm i -D @otalint/cli', install('cli', ['@otalint/cli'])],
    ['npm i -D @otalint/cli + the AWS SDK clients', install('cli-sdk', ['@otalint/cli', ...SDK])],
    ['npm i -D eslint', install('eslint', ['eslint'])],
    ['npm i -D eslint eslint-plugin-otalint', install('plugin', ['eslint', 'eslint-plugin-otalint'])],
  ];
  console.log(`${'install'.padEnd(48)} ${'node_modules'.padStart(12)} ${'packages'.padStart(9)} ${'time'.padStart(7)}`);
  for (const [label, row] of rows)
    console.log(`${label.padEnd(48)} ${mb(row.kb).padStart(12)} ${String(row.count).padStart(9)} ${`${row.seconds.toFixed(0)} s`.padStart(7)}`);
  const plain = rows[0][1].modules;
  const top = readdirSync(plain)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(plain, name)).map((inner) => `${name}/${inner}`) : [name]))
    .map((name) => ({ name, kb: kilobytes(path.join(plain, name)) }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 6);
  console.log(`\nbiggest in the @otalint/cli install: ${top.map((p) => `${p.name} ${mb(p.kb)}`).join(', ')}`);
  console.log("(time: with this machine's npm cache, through the local registry)");
} finally {
  registry.stop();
  rmSync(scratch, { recursive: true, force: true });
}
