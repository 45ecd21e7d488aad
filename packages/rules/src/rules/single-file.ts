import { defineListLimitRule } from '@otalint/core';

/**
 * FreeRTOS OTA agents are built with OTA_MAX_FILES 1: a job with two files fails on the device,
 * after the update has been created. The limit is the device profile's (`maxFiles`): other
 * device software may accept several, and the `generic` profile has no limit.
 */
export default defineListLimitRule({
  path: 'files',
  max: (device) => device.maxFiles,
  target: 'key',
  meta: {
    id: 'single-file',
    description: 'An update carries no more files than the devices take: one, for FreeRTOS OTA agents (device profile `maxFiles`).',
    category: 'files',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    freertosSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  message:
    '`files` has {{count}} files, but the devices take at most {{max}} per update (device profile "{{device}}"; FreeRTOS OTA agents are built with OTA_MAX_FILES 1) and fail the job on the device. Split the files over several OTA updates.',
});
