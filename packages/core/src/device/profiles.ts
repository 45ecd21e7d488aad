/**
 * What the devices an update is for can take: the limits of their OTA agent. Rules read these
 * instead of fixing numbers of their own, and config picks a profile (`device: "freertos-ota-v3"`)
 * or adjusts one (`device: { extends: "freertos", maxSignatureBytes: 256 }`).
 */
export interface DeviceProfile {
  /** The preset it is, or is based on. */
  readonly name: string;
  /** Files one update may carry (`OTA_MAX_FILES`); undefined: no limit. */
  readonly maxFiles?: number;
  /** The largest decoded signature the agent holds (`kOTA_MaxSignatureSize`); undefined: no limit. */
  readonly maxSignatureBytes?: number;
  /** The `fileType` the agent activates as firmware (`configOTA_FIRMWARE_UPDATE_FILE_TYPE_ID`); undefined: not checked. */
  readonly firmwareFileType?: number;
  /** The largest file the agent can track (block bitmap × 8 × block size); undefined: no limit. */
  readonly maxFileBytes?: number;
  /** Whether the agent rejects a job document without the file's path (`filepath`). */
  readonly requiresFileName: boolean;
}

/** The members config may set on a profile, with the preset they start from. */
export const DEVICE_LIMITS = ['maxFiles', 'maxSignatureBytes', 'firmwareFileType', 'maxFileBytes'] as const;

/** 128-byte block bitmap × 8 bits × 4 KB blocks (`otaconfigLOG2_FILE_BLOCK_SIZE` 12, the default). */
const TRACKABLE_WITH_4K_BLOCKS = 128 * 8 * 4096;

export const DEVICE_PROFILES = {
  /**
   * Any FreeRTOS OTA agent (the default): the limits every agent has, the largest signature any
   * agent holds (so no valid signature is reported), and the file path most agents require.
   */
  freertos: { maxFiles: 1, maxSignatureBytes: 384, firmwareFileType: 0, maxFileBytes: TRACKABLE_WITH_4K_BLOCKS, requiresFileName: true },
  /** The agent in amazon-freertos (OTA V1.x, `aws_iot_ota_agent.c`, releases up to 202012.00). */
  'freertos-ota-v1': { maxFiles: 1, maxSignatureBytes: 256, maxFileBytes: TRACKABLE_WITH_4K_BLOCKS, requiresFileName: true },
  /** aws/ota-for-aws-iot-embedded-sdk v2.0.0 to v3.3.x (`kOTA_MaxSignatureSize` 256, `filepath` optional). */
  'freertos-ota-v3': { maxFiles: 1, maxSignatureBytes: 256, firmwareFileType: 0, maxFileBytes: TRACKABLE_WITH_4K_BLOCKS, requiresFileName: false },
  /** aws/ota-for-aws-iot-embedded-sdk v3.4.0 and later (`kOTA_MaxSignatureSize` 384, for RSA-3072). */
  'freertos-ota-v3.4': { maxFiles: 1, maxSignatureBytes: 384, firmwareFileType: 0, maxFileBytes: TRACKABLE_WITH_4K_BLOCKS, requiresFileName: false },
  /** Device software that is not a FreeRTOS OTA agent: no agent limits at all. */
  generic: { requiresFileName: false },
} as const satisfies Record<string, Omit<DeviceProfile, 'name'>>;

export type DeviceProfileName = keyof typeof DEVICE_PROFILES;
export const DEFAULT_DEVICE_PROFILE: DeviceProfileName = 'freertos';

export function deviceProfile(name: DeviceProfileName): DeviceProfile {
  return { name, ...DEVICE_PROFILES[name] };
}

export function isDeviceProfileName(name: unknown): name is DeviceProfileName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(DEVICE_PROFILES, name);
}
