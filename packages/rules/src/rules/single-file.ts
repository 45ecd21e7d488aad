import { defineListLimitRule } from '@otalint/core';

/**
 * FreeRTOS OTA agents are built with OTA_MAX_FILES 1: a job with two files fails on the device,
 * after the update has been created. Other device software may accept several (hence freertos).
 */
export default defineListLimitRule({
  path: 'files',
  max: 1,
  target: 'key',
  meta: {
    id: 'single-file',
    description: 'An update carries one file, as FreeRTOS OTA agents accept exactly one.',
    category: 'files',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    freertosSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  message:
    '`files` has {{count}} files; FreeRTOS OTA agents accept exactly one per update (OTA_MAX_FILES is 1) and fail the job on the device. Create one OTA update per file.',
});
