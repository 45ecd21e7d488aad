import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { ConfigError } from '../src/config/types.js';
import { loadConfig } from '../src/config/load-config.js';
import { defineRule, type AnyRule } from '../src/rules/define-rule.js';
import type { Plugin } from '../src/config/types.js';

const test = suite('config');

const rule = (id: string, extra: Partial<AnyRule['meta']> = {}): AnyRule =>
  defineRule({
    meta: { id, description: id, category: 'ranges', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'm' }, ...extra },
    defaultOptions: { limit: 5 },
    check() {},
  });

const builtins: Plugin = {
  meta: { name: 'otalint', version: '0.0.0' },
  rules: {
    'role-arn': rule('role-arn'),
    'expires-in-range': rule('expires-in-range', {
      optionsSchema: { type: 'object', properties: { limit: { type: 'integer' } }, additionalProperties: false },
    }),
  },
  configs: {
    recommended: { rules: { 'role-arn': 'error' } },
    strict: [{ extends: ['recommended'] }, { rules: { 'expires-in-range': 'warn' } }],
  },
};

const dir = () => mkdtempSync(path.join(tmpdir(), 'otalint-config-'));
const severities = (config: Awaited<ReturnType<typeof loadConfig>>, file: string) => Object.fromEntries(config.rulesFor(file).map((r) => [r.id, r.severity]));

async function configError(files: Record<string, string>): Promise<ConfigError> {
  const cwd = dir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
  try {
    await loadConfig({ cwd, builtins });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  throw new Error('expected a ConfigError');
}

test('no config file: recommended', async () => {
  const config = await loadConfig({ cwd: dir(), builtins });
  assert.equal(config.configFile, undefined);
  assert.deepEqual(severities(config, 'a.json'), { 'role-arn': 'error' });
});

test('.otalintrc.json: preset chain, severities, per-glob overrides, options merged over defaults', async () => {
  const cwd = dir();
  writeFileSync(
    path.join(cwd, '.otalintrc.json'),
    JSON.stringify([
      { extends: ['strict'] },
      { files: ['legacy/**'], rules: { 'role-arn': 'off', 'expires-in-range': ['info', { limit: 9 }] } },
      { files: ['*.yaml'], rules: { 'expires-in-range': 'error' } },
    ]),
  );
  const config = await loadConfig({ cwd, builtins });
  assert.deepEqual(severities(config, path.join(cwd, 'a.json')), { 'role-arn': 'error', 'expires-in-range': 'warning' });
  assert.deepEqual(severities(config, path.join(cwd, 'legacy/x/a.json')), { 'expires-in-range': 'info' });
  const legacyYaml = config.rulesFor(path.join(cwd, 'legacy/b.yaml'));
  assert.deepEqual(
    legacyYaml.map((r) => [r.id, r.severity, r.options]),
    [['expires-in-range', 'error', { limit: 9 }]],
  );
});

test('otalint.config.mjs found from a subfolder, with a plugin and its preset', async () => {
  const cwd = dir();
  mkdirSync(path.join(cwd, 'plugin'));
  writeFileSync(
    path.join(cwd, 'plugin/index.mjs'),
    `export default { meta: { name: 'acme', version: '1.0.0' }, rules: { 'no-x': { meta: { id: 'no-x', description: 'x', category: 'files', defaultSeverity: 'warning', certainty: 'inferred', messages: { m: 'x' } }, defaultOptions: {}, docsUrl: '', check() {} } }, configs: { base: { rules: { 'acme/no-x': 'warn' } } } };`,
  );
  writeFileSync(
    path.join(cwd, 'otalint.config.mjs'),
    `import acme from './plugin/index.mjs';\nexport default [{ plugins: { acme } }, { extends: ['recommended', 'acme/base'] }];`,
  );
  mkdirSync(path.join(cwd, 'sub'));
  const config = await loadConfig({ cwd: path.join(cwd, 'sub'), builtins });
  assert.equal(config.configFile, path.join(cwd, 'otalint.config.mjs'));
  assert.deepEqual(severities(config, path.join(cwd, 'sub/a.json')), { 'role-arn': 'error', 'acme/no-x': 'warning' });
});

test('JSON config names a plugin by path; global ignores', async () => {
  const cwd = dir();
  writeFileSync(path.join(cwd, 'p.mjs'), `export default { meta: { name: 'p', version: '1' }, rules: {} };`);
  writeFileSync(
    path.join(cwd, '.otalintrc.json'),
    JSON.stringify([{ plugins: { p: './p.mjs' } }, { ignores: ['generated/**'] }, { extends: ['recommended'] }]),
  );
  const config = await loadConfig({ cwd, builtins });
  assert.equal(config.isIgnored(path.join(cwd, 'generated/a.json')), true);
  assert.equal(config.isIgnored(path.join(cwd, 'src/a.json')), false);
});

test('--rule overrides come last', async () => {
  const config = await loadConfig({ cwd: dir(), builtins, overrideRules: { 'role-arn': 'warn' } });
  assert.deepEqual(severities(config, 'a.json'), { 'role-arn': 'warning' });
});

test('errors name the file, the key, the bad value and what is allowed', async () => {
  const cases: Array<[string, RegExp]> = [
    ['[{ "rules": { "role-arm": "error" } }]', /^\.otalintrc\.json: \[0\]\.rules\.role-arm: unknown rule "role-arm"; did you mean "role-arn"\?/],
    ['[{ "rules": { "role-arn": "fatal" } }]', /\[0\]\.rules\.role-arn: "fatal" is not a rule setting; use one of "off", "info", "warn", "error"/],
    ['[{ "rule": {} }]', /\[0\]\.rule: unknown key; did you mean "rules"\? Allowed: name, files, ignores, plugins, extends, rules/],
    ['[{ "extends": ["recomended"] }]', /\[0\]\.extends\[0\]: unknown preset "recomended"; did you mean "recommended"\? Available: recommended, strict/],
    ['[{ "files": "*.json" }]', /\[0\]\.files: must be a list of glob strings, got "\*\.json"/],
    [
      '[{ "rules": { "expires-in-range": ["warn", { "limt": 3 }] } }]',
      /\[0\]\.rules\.expires-in-range: invalid options \{"limt":3\}: options must NOT have additional properties \("limt"\)/,
    ],
    ['[{ "rules": { "role-arn": ["warn", { "x": 1 }] } }]', /rule "role-arn" takes no options/],
    ['[{ "plugins": { "acme": "otalint-plugin-acme" } }]', /\[0\]\.plugins\.acme: plugin "otalint-plugin-acme" is not installed/],
    ['[{ "extends": ["acme/base"] }]', /names plugin "acme", which no config object declares/],
    ['{ not json', /^\.otalintrc\.json: is not valid JSON/],
    ['[3]', /\[0\]: must be a config object, got 3/],
  ];
  for (const [text, expected] of cases) {
    const error = await configError({ '.otalintrc.json': text });
    assert.match(error.message, expected, text);
  }
});

test('a JS config that throws or has no default export', async () => {
  assert.match((await configError({ 'otalint.config.mjs': 'throw new Error("boom")' })).message, /otalint\.config\.mjs: could not be loaded: boom/);
  assert.match((await configError({ 'otalint.config.mjs': 'export const x = 1' })).message, /has no default export/);
});

test.run();
