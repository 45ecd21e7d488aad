#!/usr/bin/env node
// Writes the "Unreleased" section of CHANGELOG.md from the changesets in .changeset/*.md (one per
// change; see .changeset/README.md). `--check` exits 1 when CHANGELOG.md is out of date instead.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CHANGESETS = path.join(ROOT, '.changeset');
const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');
const START = '<!-- unreleased:start -->';
const END = '<!-- unreleased:end -->';
const ORDER = { major: 0, minor: 1, patch: 2 };

/** The changesets: `{ name, bump, packages, body }`, sorted by bump then name. */
export function readChangesets(dir = CHANGESETS) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => parseChangeset(name, readFileSync(path.join(dir, name), 'utf8')))
    .sort((a, b) => ORDER[a.bump] - ORDER[b.bump] || a.name.localeCompare(b.name));
}

export function parseChangeset(name, text) {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
  if (!match) throw new Error(`.changeset/${name}: expected front matter between --- lines, then the entry`);
  const packages = {};
  for (const line of match[1].split('\n').filter((l) => l.trim() !== '')) {
    const entry = /^\s*"?([^":]+)"?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (!entry) throw new Error(`.changeset/${name}: "${line}" is not "<package>": major|minor|patch`);
    packages[entry[1]] = entry[2];
  }
  const bumps = Object.values(packages);
  const bump = bumps.sort((a, b) => ORDER[a] - ORDER[b])[0] ?? 'patch';
  const body = match[2].trim();
  if (body === '') throw new Error(`.changeset/${name}: the entry is empty`);
  return { name: name.replace(/\.md$/, ''), bump, packages: Object.keys(packages), body };
}

export function renderUnreleased(changesets) {
  const heading = { major: 'Breaking changes', minor: 'Features', patch: 'Fixes' };
  let out = `${START}\n## Unreleased\n`;
  for (const bump of ['major', 'minor', 'patch']) {
    const group = changesets.filter((c) => c.bump === bump);
    if (group.length === 0) continue;
    out += `\n### ${heading[bump]}\n\n`;
    for (const change of group) out += `- ${change.body.replace(/\n(?!\n)/g, '\n  ')}\n`;
  }
  return `${out}${END}`;
}

export function updatedChangelog(text, changesets) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`CHANGELOG.md has no ${START} ... ${END} section`);
  return text.slice(0, start) + renderUnreleased(changesets) + text.slice(end + END.length);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const current = readFileSync(CHANGELOG, 'utf8');
  const next = updatedChangelog(current, readChangesets());
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('CHANGELOG.md is out of date with .changeset/: run `node scripts/changelog.mjs`.');
      process.exit(1);
    }
  } else if (next !== current) writeFileSync(CHANGELOG, next);
}
