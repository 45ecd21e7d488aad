import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { parse } from 'yaml';
import { parseChangeset } from '../../../scripts/changelog.mjs';
import { publicPackages } from '../../../scripts/lib/packages.mjs';
import { PINNED_VERSION_FILES, nextVersion, releasedChangelog, stampVersion } from '../../../scripts/version.mjs';
import { REPO_ROOT } from './helpers/run-cli.js';

/** `pnpm version-packages`: one version for every package, and everywhere users pin it. */
const test = suite('release versions');

const VERSION = publicPackages(REPO_ROOT)[0].manifest.version as string;
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

test('the next version follows the biggest change (semver)', () => {
  assert.equal(nextVersion('0.1.0', 'patch'), '0.1.1');
  assert.equal(nextVersion('0.1.3', 'minor'), '0.2.0');
  assert.equal(nextVersion('0.9.3', 'major'), '1.0.0');
});

test('the Unreleased section becomes the version, dated, and an empty Unreleased stays for the next changes', () => {
  const changelog = '# Changelog\n\n<!-- unreleased:start -->\n## Unreleased\n\n### Fixes\n\n- old text\n<!-- unreleased:end -->\n\n## 0.1.0\n\nFirst.\n';
  const changes = [
    parseChangeset('b.md', '---\n"@otalint/cli": minor\n---\n\nA feature.\n'),
    parseChangeset('a.md', '---\n"@otalint/core": patch\n---\n\nA fix.\n'),
  ];
  assert.equal(
    releasedChangelog(changelog, changes, '0.2.0', '2026-12-01'),
    '# Changelog\n\n<!-- unreleased:start -->\n## Unreleased\n<!-- unreleased:end -->\n\n## 0.2.0 (2026-12-01)\n\n### Features\n\n- A feature.\n\n### Fixes\n\n- A fix.\n\n\n## 0.1.0\n\nFirst.\n',
  );
});

test("every file that pins the version for users names the packages' version, and stamping moves all of it", () => {
  for (const { file, pattern } of PINNED_VERSION_FILES) {
    const text = read(file);
    const found = [...text.matchAll(new RegExp(pattern.source, 'g'))].map((match) => match[2]);
    assert.ok(found.length > 0, `${file} pins a version`);
    assert.deepEqual([...new Set(found)], [VERSION], `${file} pins ${VERSION}`);
    const stamped = stampVersion(text, pattern, '9.8.7', file);
    assert.deepEqual([...new Set([...stamped.matchAll(new RegExp(pattern.source, 'g'))].map((match) => match[2]))], ['9.8.7'], file);
    assert.equal(stamped.replaceAll('9.8.7', VERSION), text, `${file}: only the version changes`);
  }
  assert.throws(() => stampVersion('no version here', PINNED_VERSION_FILES[0]!.pattern, '1.0.0', 'x'), /x: found no version to update/);
});

test("the pre-commit mirror: node hooks that install @otalint/cli at the packages' version from the registry", () => {
  const hooks = parse(read('pre-commit/.pre-commit-hooks.yaml')) as Array<Record<string, unknown>>;
  assert.deepEqual(
    hooks.map((hook) => hook.id),
    ['otalint', 'otalint-sources'],
  );
  for (const hook of hooks) {
    assert.equal(hook.language, 'node');
    assert.deepEqual(hook.additional_dependencies, [`@otalint/cli@${VERSION}`]);
  }
  const manifest = JSON.parse(read('pre-commit/package.json'));
  assert.equal(manifest.private, true);
  assert.equal(manifest.dependencies, undefined, "pre-commit installs nothing but the hook's additional_dependencies");
  assert.equal(read('pre-commit/LICENSE'), read('LICENSE'));
});

test.run();
