#!/usr/bin/env node
// `pnpm version-packages`: folds the changesets (.changeset/*.md) into the next version. Every
// public package gets it (one fixed group, .changeset/config.json), the CHANGELOG's "Unreleased"
// section becomes that version's, the places users pin a version (the pre-commit mirror, the
// Action's default, the docs that show them) follow, and the changesets are deleted. Review and
// commit the result, then `pnpm release`. Decision record: docs/decisions/0004-release.md.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readChangesets, renderUnreleased } from './changelog.mjs';
import { publicPackages } from './lib/packages.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const START = '<!-- unreleased:start -->';
const END = '<!-- unreleased:end -->';

/** Files that name the released version for users, and how each names it. */
export const PINNED_VERSION_FILES = [
  { file: 'pre-commit/package.json', pattern: /("version": ")(\d+\.\d+\.\d+)(")/ },
  { file: 'pre-commit/.pre-commit-hooks.yaml', pattern: /(@otalint\/cli@)(\d+\.\d+\.\d+)()/g },
  { file: 'action.yml', pattern: /(version:\n {4}description: [^\n]*\n {4}default: ')(\d+\.\d+\.\d+)(')/ },
  { file: 'docs/pre-commit.md', pattern: /(rev: v)(\d+\.\d+\.\d+)()/g },
  { file: 'docs/ci.md', pattern: /(otalint\/otalint@v)(\d+\.\d+\.\d+)()/g },
  { file: 'README.md', pattern: /((?:otalint\/otalint@|rev: )v)(\d+\.\d+\.\d+)()/g },
];

export function nextVersion(version, bump) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The CHANGELOG with the unreleased changes filed under `version`, and an empty Unreleased. */
export function releasedChangelog(text, changesets, version, date) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`CHANGELOG.md has no ${START} ... ${END} section`);
  const body = renderUnreleased(changesets)
    .slice(START.length, -END.length)
    .replace(/^\n## Unreleased\n/, '')
    .trim();
  return `${text.slice(0, start)}${renderUnreleased([])}\n\n## ${version} (${date})\n\n${body}\n${text.slice(end + END.length)}`;
}

/** Stamps `version` into one pinned file; throws when the file no longer names a version there. */
export function stampVersion(text, pattern, version, file) {
  if (!new RegExp(pattern.source).test(text)) throw new Error(`${file}: found no version to update (${pattern})`);
  return text.replace(pattern, (_match, before, _old, after) => `${before}${version}${after}`);
}

function main() {
  const changesets = readChangesets(path.join(ROOT, '.changeset'));
  if (changesets.length === 0) {
    console.error('No changesets in .changeset/: nothing to release.');
    process.exit(1);
  }
  const packages = publicPackages(ROOT);
  const known = new Set(packages.map((pkg) => pkg.manifest.name));
  for (const change of changesets) {
    for (const name of change.packages) {
      if (!known.has(name)) throw new Error(`.changeset/${change.name}.md names "${name}", which is not a public package`);
    }
  }
  const versions = new Set(packages.map((pkg) => pkg.manifest.version));
  if (versions.size !== 1) throw new Error(`the public packages are out of step (${[...versions].join(', ')}); give them one version first`);
  const current = [...versions][0];
  const version = nextVersion(current, changesets[0].bump);

  for (const pkg of packages) {
    const file = path.join(pkg.dir, 'package.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"version": "${current}"`, `"version": "${version}"`));
  }
  for (const { file, pattern } of PINNED_VERSION_FILES) {
    const full = path.join(ROOT, file);
    writeFileSync(full, stampVersion(readFileSync(full, 'utf8'), pattern, version, file));
  }
  const changelog = path.join(ROOT, 'CHANGELOG.md');
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(changelog, releasedChangelog(readFileSync(changelog, 'utf8'), changesets, version, date));
  for (const change of changesets) rmSync(path.join(ROOT, '.changeset', `${change.name}.md`));
  console.log(`${current} -> ${version} (${changesets[0].bump}, ${changesets.length} changesets). Review, commit, then: pnpm release`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
