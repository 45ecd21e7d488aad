import { defineRule, fileEntries } from '@otalint/core';

/**
 * The service copies `fileName` into the job document as the file's `filepath`. The amazon-freertos
 * agent (OTA V1.x) declares `filepath` a required job-document parameter and rejects a document
 * without it; ota-for-aws-iot-embedded-sdk made it optional in v2.0.0. The device profile says which.
 */
export default defineRule({
  meta: {
    id: 'file-name-required',
    description: 'Every file has a `fileName`, the path the device writes it to, when the device profile requires one (most FreeRTOS OTA agents do).',
    category: 'files',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    unknownValues: 'checked',
    messages: {
      missing:
        'This file has no `fileName`, so its job document has no `filepath`, which the devices require (device profile "{{device}}"; FreeRTOS OTA agents before ota-for-aws-iot-embedded-sdk v2 reject such a job document). Add `"fileName"`: the path the device writes the file to, such as "/sys/firmware.bin".',
    },
  },
  defaultOptions: {},
  check(context) {
    if (!context.device.requiresFileName) return;
    for (const file of fileEntries(context.request)) {
      if (file.value.fileName === undefined) {
        context.report({ path: [...file.path, 'fileName'], target: 'parent', messageId: 'missing', data: { device: context.device.name } });
      }
    }
  },
});
