import assert from 'node:assert/strict';
import { configs } from '@otalint/rules';
import { suite } from 'uvu';
import { runCli, tempProject } from './helpers/run-cli.js';

const test = suite('otalint print-config');

const OPTIONS_PLUGIN = `export default {
  meta: { name: 'otalint-plugin-limits', version: '1.0.0' },
  rules: {
    'max-files': {
      meta: { id: 'max-files', description: 'At most N files.', category: 'files', defaultSeverity: 'warning', certainty: 'documented',
        messages: { many: 'many' },
        optionsSchema: { type: 'object', properties: { max: { type: 'integer' }, allowEmpty: { type: 'boolean' } }, additionalProperties: false } },
      defaultOptions: { max: 1, allowEmpty: false },
      docsUrl: 'https://limits.example/max-files',
      check() {},
    },
  },
};
`;

const CONFIG = `import limits from './limits.mjs';
export default [
  { extends: ['recommended'] },
  { plugins: { limits }, rules: { 'limits/max-files': ['warn', { max: 3 }] } },
  { files: ['prod/**'], rules: { 'aws-api-model': 'warn', 'limits/max-files': 'error' }, device: { extends: 'freertos-ota-v3', maxSignatureBytes: 384 } },
  { ignores: ['drafts/**'] },
];
`;

function printConfig(cwd: string, ...args: string[]) {
  const run = runCli(['print-config', ...args], { cwd });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as {
    filePath: string;
    configFile: string | null;
    ignored: boolean;
    kind: string;
    rules: Record<string, { severity: string; options?: unknown }>;
    device: { name: string; maxSignatureBytes?: number; requiresFileName: boolean };
  };
}

test('the resolved config of a file: config file, severities per files glob, options merged over defaults', () => {
  const dir = tempProject({ 'limits.mjs': OPTIONS_PLUGIN, 'otalint.config.mjs': CONFIG });
  const other = printConfig(dir, 'other/update.yaml');
  assert.equal(other.configFile, 'otalint.config.mjs');
  assert.equal(other.filePath, 'other/update.yaml');
  assert.equal(other.kind, 'yaml');
  assert.equal(other.ignored, false);
  assert.deepEqual(other.rules['aws-api-model'], { severity: 'error' });
  assert.deepEqual(other.rules['limits/max-files'], { severity: 'warn', options: { max: 3, allowEmpty: false } });

  const prod = printConfig(dir, 'prod/update.json');
  assert.equal(prod.rules['aws-api-model']!.severity, 'warn');
  // A severity alone keeps the options set earlier.
  assert.deepEqual(prod.rules['limits/max-files'], { severity: 'error', options: { max: 3, allowEmpty: false } });
  assert.deepEqual(Object.keys(prod.rules), Object.keys(prod.rules).sort());
  assert.deepEqual([prod.device.name, prod.device.maxSignatureBytes, prod.device.requiresFileName], ['freertos-ota-v3', 384, false]);
  assert.equal(other.device.name, 'freertos');

  assert.equal(printConfig(dir, 'drafts/wip.json').ignored, true);
});

test('no config file: null, and exactly the recommended preset', () => {
  const dir = tempProject({});
  const printed = printConfig(dir, 'update.json');
  assert.equal(printed.configFile, null);
  const recommended = (configs.recommended as { rules: Record<string, string> }).rules;
  assert.deepEqual(
    Object.fromEntries(Object.entries(printed.rules).map(([id, setting]) => [id, setting.severity])),
    Object.fromEntries(Object.entries(recommended).sort(([a], [b]) => a.localeCompare(b))),
  );
});

test('--rule overrides show, including "off"', () => {
  const printed = printConfig(tempProject({}), 'update.json', '--rule', 'aws-api-model:off');
  assert.deepEqual(printed.rules['aws-api-model'], { severity: 'off' });
});

test('errors: no file or two files (usage, exit 2); a broken config (exit 2, names the key)', () => {
  const dir = tempProject({ '.otalintrc.json': JSON.stringify([{ rulez: {} }]) });
  const none = runCli(['print-config'], { cwd: dir });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /takes one file/);
  const two = runCli(['print-config', 'a.json', 'b.json'], { cwd: dir });
  assert.equal(two.status, 2);
  const broken = runCli(['print-config', 'a.json'], { cwd: dir });
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /invalid config: \.otalintrc\.json: \[0\]\.rulez: unknown key; did you mean "rules"/);
});

test.run();
