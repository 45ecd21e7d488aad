import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { loadConfig } from '../src/config/load-config.js';
import { ConfigError, type Plugin } from '../src/config/types.js';
import { DEVICE_PROFILES, deviceProfile } from '../src/device/profiles.js';

const test = suite('config: device profiles');
const builtins: Plugin = { meta: { name: 'otalint', version: '0.0.0' }, rules: {}, configs: { recommended: {} } };

async function load(config: unknown) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-device-'));
  writeFileSync(path.join(cwd, '.otalintrc.json'), JSON.stringify(config));
  return { config: await loadConfig({ cwd, builtins }), cwd };
}

async function error(config: unknown): Promise<string> {
  try {
    await load(config);
  } catch (caught) {
    assert.ok(caught instanceof ConfigError, String(caught));
    return caught.message;
  }
  throw new Error('expected a ConfigError');
}

test('without `device`, the freertos profile', async () => {
  const { config, cwd } = await load([{ extends: ['recommended'] }]);
  assert.deepEqual(config.deviceFor(path.join(cwd, 'a.json')), deviceProfile('freertos'));
  assert.equal(deviceProfile('freertos').maxSignatureBytes, 384);
});

test('a profile by name, per files, the last object wins', async () => {
  const { config, cwd } = await load([{ device: 'freertos-ota-v3' }, { files: ['legacy/**'], device: 'freertos-ota-v1' }]);
  assert.equal(config.deviceFor(path.join(cwd, 'a.json')).name, 'freertos-ota-v3');
  assert.deepEqual(config.deviceFor(path.join(cwd, 'legacy/b.json')), { name: 'freertos-ota-v1', ...DEVICE_PROFILES['freertos-ota-v1'] });
});

test('an adjusted profile: extends, limits, null removes one', async () => {
  const { config, cwd } = await load([{ device: { extends: 'freertos-ota-v3.4', maxSignatureBytes: 512, maxFiles: null, requiresFileName: true } }]);
  const device = config.deviceFor(path.join(cwd, 'a.json'));
  assert.deepEqual(device, { name: 'freertos-ota-v3.4', maxSignatureBytes: 512, firmwareFileType: 0, maxFileBytes: 4194304, requiresFileName: true });
  const { config: plain } = await load([{ device: { firmwareFileType: 1 } }]);
  assert.equal(plain.deviceFor(path.join(cwd, 'a.json')).name, 'freertos');
  assert.equal(plain.deviceFor(path.join(cwd, 'a.json')).firmwareFileType, 1);
});

test('errors name the key, the value and what is allowed', async () => {
  assert.match(
    await error([{ device: 'freertos-ota-3' }]),
    /\.otalintrc\.json: \[0\]\.device: unknown device profile "freertos-ota-3"; did you mean "freertos-ota-v3"\? Profiles: "freertos", /,
  );
  assert.match(
    await error([{ device: { maxSignatureBytes: '256' } }]),
    /\[0\]\.device\.maxSignatureBytes: must be a whole number from 1 to 65535, or null for no limit; got "256"\./,
  );
  assert.match(await error([{ device: { firmwareFileType: 300 } }]), /\[0\]\.device\.firmwareFileType: must be a whole number from 0 to 255/);
  assert.match(await error([{ device: { maxFile: 2 } }]), /\[0\]\.device\.maxFile: unknown member; did you mean "maxFiles"\? Allowed: extends, maxFiles,/);
  assert.match(await error([{ device: { extends: 'esp32' } }]), /\[0\]\.device\.extends: unknown device profile "esp32"\. Profiles:/);
  assert.match(await error([{ device: { requiresFileName: 'yes' } }]), /\[0\]\.device\.requiresFileName: must be true or false; got "yes"\./);
  assert.match(await error([{ device: 3 }]), /\[0\]\.device: must be a device profile name \("freertos", .*\) or an object/);
});

test.run();
