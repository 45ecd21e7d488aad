// The workspace's public packages and their tarballs: what the release packs, checks and
// publishes. Every packages/* folder whose package.json is not private is public.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];

/** `{ dir, manifest }` for each public package, dependencies before their dependents. */
export function publicPackages(root) {
  const found = readdirSync(path.join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'packages', entry.name, 'package.json')))
    .map((entry) => {
      const dir = path.join(root, 'packages', entry.name);
      return { dir, manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  const names = new Set(found.map((pkg) => pkg.manifest.name));
  const ordered = [];
  const visit = (pkg, trail) => {
    if (ordered.includes(pkg)) return;
    if (trail.includes(pkg)) throw new Error(`packages depend on each other in a cycle: ${[...trail, pkg].map((p) => p.manifest.name).join(' -> ')}`);
    for (const field of DEPENDENCY_FIELDS) {
      for (const name of Object.keys(pkg.manifest[field] ?? {})) {
        if (names.has(name))
          visit(
            found.find((other) => other.manifest.name === name),
            [...trail, pkg],
          );
      }
    }
    ordered.push(pkg);
  };
  for (const pkg of found) visit(pkg, []);
  return ordered;
}

/**
 * Packs one package as it is published (`pnpm pack`: `workspace:` and `catalog:` versions become
 * real ones) into `destination`; returns the tarball, its file list and its package.json.
 */
export function packPackage(dir, destination) {
  const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const summary = JSON.parse(out.slice(out.indexOf('{')));
  const tarball = path.isAbsolute(summary.filename) ? summary.filename : path.join(destination, path.basename(summary.filename));
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  return { tarball, files: summary.files.map((file) => file.path), manifest };
}

/** What keeps a packed package from working once installed from a registry (empty when nothing). */
export function packProblems({ files, manifest }) {
  const problems = [];
  const shipped = new Set(files);
  const need = (condition, message) => condition || problems.push(`${manifest.name}: ${message}`);
  for (const field of ['description', 'license', 'engines', 'repository', 'files', 'exports', 'types']) {
    need(manifest[field] !== undefined, `package.json has no "${field}"`);
  }
  need(typeof manifest.repository?.directory === 'string', 'repository.directory is missing (npm links the package to its folder with it)');
  for (const file of ['README.md', 'LICENSE', 'package.json']) need(shipped.has(file), `the tarball has no ${file}`);
  for (const target of [...entryPoints(manifest)]) {
    need(shipped.has(target), `"${target}" (bin, main, types or exports) is not in the tarball: add it to "files" or build it first`);
  }
  for (const field of [...DEPENDENCY_FIELDS, 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      need(!/^(workspace|catalog|file|link):/.test(range), `${field} ${name} is "${range}", which npm cannot install`);
    }
  }
  const junk = files.filter((file) => /\.(map|tsbuildinfo)$|(^|\/)test\//.test(file));
  need(junk.length === 0, `the tarball ships build or test leftovers: ${junk.join(', ')}`);
  return problems;
}

function* entryPoints(manifest) {
  const clean = (target) => target.replace(/^\.\//, '');
  const bin = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const target of Object.values(bin)) yield clean(target);
  for (const field of ['main', 'types']) if (typeof manifest[field] === 'string') yield clean(manifest[field]);
  const walk = function* (value) {
    if (typeof value === 'string') {
      if (!value.includes('*')) yield clean(value);
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) yield* walk(inner);
    }
  };
  yield* walk(manifest.exports);
}
