import { DEFAULT_DEVICE_PROFILE, DEVICE_LIMITS, DEVICE_PROFILES, deviceProfile, isDeviceProfileName, type DeviceProfile } from '../device/profiles.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { isObject } from '../util/guards.js';
import { ConfigError } from './types.js';

const PROFILE_NAMES = Object.keys(DEVICE_PROFILES);
const OBJECT_KEYS = ['extends', ...DEVICE_LIMITS, 'requiresFileName'] as const;
const RANGES: Readonly<Record<(typeof DEVICE_LIMITS)[number], readonly [number, number]>> = {
  maxFiles: [1, 10_000],
  maxSignatureBytes: [1, 65_535],
  firmwareFileType: [0, 255],
  maxFileBytes: [1, Number.MAX_SAFE_INTEGER],
};

/**
 * Config's `device`: a profile name (`"freertos-ota-v3"`), or an object that starts from one
 * (`extends`, default `freertos`) and sets limits; `null` removes a limit.
 */
export function parseDevice(value: unknown, key: string, file: string): DeviceProfile {
  if (typeof value === 'string') return deviceProfile(profileName(value, key, file));
  if (!isObject(value)) {
    throw new ConfigError(
      file,
      key,
      `must be a device profile name (${quotedNames()}) or an object such as { "extends": "freertos", "maxSignatureBytes": 256 }.`,
    );
  }
  for (const member of Object.keys(value)) {
    if (!(OBJECT_KEYS as readonly string[]).includes(member)) {
      throw new ConfigError(
        file,
        `${key}.${member}`,
        `unknown member${didYouMean(closest(member, OBJECT_KEYS), 'clause')} Allowed: ${OBJECT_KEYS.join(', ')}.`,
      );
    }
  }
  const base = value.extends === undefined ? DEFAULT_DEVICE_PROFILE : profileName(value.extends, `${key}.extends`, file);
  const profile: Record<string, unknown> = { ...deviceProfile(base) };
  for (const limit of DEVICE_LIMITS) {
    const setting = value[limit];
    if (setting === undefined) continue;
    if (setting === null) {
      delete profile[limit];
      continue;
    }
    const [min, max] = RANGES[limit];
    if (typeof setting !== 'number' || !Number.isInteger(setting) || setting < min || setting > max) {
      throw new ConfigError(
        file,
        `${key}.${limit}`,
        `must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any size' : max}, or null for no limit; got ${JSON.stringify(setting)}.`,
      );
    }
    profile[limit] = setting;
  }
  if (value.requiresFileName !== undefined) {
    if (typeof value.requiresFileName !== 'boolean')
      throw new ConfigError(file, `${key}.requiresFileName`, `must be true or false; got ${JSON.stringify(value.requiresFileName)}.`);
    profile.requiresFileName = value.requiresFileName;
  }
  return profile as unknown as DeviceProfile;
}

function profileName(value: unknown, key: string, file: string): keyof typeof DEVICE_PROFILES {
  if (isDeviceProfileName(value)) return value;
  const hint = didYouMean(typeof value === 'string' ? closest(value, PROFILE_NAMES) : undefined, 'clause');
  throw new ConfigError(file, key, `unknown device profile ${JSON.stringify(value)}${hint} Profiles: ${quotedNames()}.`);
}

function quotedNames(): string {
  return PROFILE_NAMES.map((name) => `"${name}"`).join(', ');
}
