// A real npm registry on loopback: verdaccio (6.8.0, which .ci/run installs into .ci/verdaccio),
// for the install tests and bench/install-size.mjs. otalint's packages come only from what is
// published to it; every other package is proxied from the public registry, so installs are real
// installs. Publishing needs a user, made through the registry's own adduser endpoint.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const OWN_PACKAGES = ['@otalint/*', 'eslint-plugin-otalint'];

/** The verdaccio executable (OTALINT_VERDACCIO, or the one in .ci/verdaccio), or undefined. */
export function findVerdaccio() {
  const candidates = [process.env.OTALINT_VERDACCIO, path.join(ROOT, '.ci/verdaccio/node_modules/.bin/verdaccio')];
  return candidates.find((candidate) => candidate !== undefined && candidate !== '' && existsSync(candidate));
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function config(storage) {
  const own = OWN_PACKAGES.map((name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n`).join('');
  return `storage: ${storage}
auth:
  htpasswd:
    file: ${storage}/htpasswd
    max_users: 10
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    maxage: 30m
packages:
${own}  '**':
    access: $all
    proxy: npmjs
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;
}

/**
 * Starts verdaccio on a free loopback port; rejects with its output when it does not answer within
 * `timeoutMs`. Resolves to `{ url, userconfig, stop }`: `userconfig` is an npm config file naming
 * the registry and a token for it (for NPM_CONFIG_USERCONFIG).
 * @returns {Promise<{ url: string, userconfig: string, stop: () => void }>}
 */
export async function startRegistry(executable, timeoutMs = 60_000) {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-registry-'));
  const storage = path.join(dir, 'storage');
  mkdirSync(storage);
  writeFileSync(path.join(dir, 'config.yaml'), config(storage));
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(executable, ['--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      stop();
      throw new Error(`verdaccio exited (${child.exitCode}): ${output.trim()}`);
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`verdaccio did not answer on ${url} within ${timeoutMs / 1000} s: ${output.trim()}`);
    }
    try {
      if ((await fetch(`${url}-/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const response = await fetch(`${url}-/user/org.couchdb.user:otalint-ci`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'otalint-ci', password: 'otalint-ci-password' }),
  });
  const { token } = await response.json();
  if (!token) {
    stop();
    throw new Error(`verdaccio did not create a user (HTTP ${response.status})`);
  }
  const userconfig = path.join(dir, 'npmrc');
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\nfund=false\naudit=false\nupdate-notifier=false\n`);
  return { url, userconfig, stop };
}

/** Whether the pre-commit on PATH can make `language: node` environments (it runs nodeenv). */
export function preCommitHasNodeenv() {
  const which = spawnSync('sh', ['-c', 'command -v pre-commit'], { encoding: 'utf8' });
  if (which.status !== 0) return false;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(readFileSync(which.stdout.trim(), 'utf8').split('\n')[0]);
  if (!shebang) return false;
  const python = path.basename(shebang[1]) === 'env' && shebang[2] ? shebang[2] : shebang[1];
  return spawnSync(python, ['-c', 'import nodeenv'], { encoding: 'utf8' }).status === 0;
}
