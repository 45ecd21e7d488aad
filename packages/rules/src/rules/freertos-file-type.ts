import { defineRule, fileEntries, isFiniteNumber } from '@otalint/core';

/**
 * `fileType` is opaque to AWS; the FreeRTOS OTA agent treats only 0 as a firmware image unless the
 * application registers a handler for other types (AWS's own examples use 1): info only.
 */
export default defineRule({
  meta: {
    id: 'freertos-file-type',
    description: '`fileType` is 0, the only type FreeRTOS OTA agents handle as firmware by default.',
    category: 'files',
    defaultSeverity: 'warning',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      notFirmware:
        "`fileType` is {{value}}; the FreeRTOS OTA agent treats only 0 as firmware, and hands other types to the application's custom file callback. Use 0 unless your application handles type {{value}}.",
      useZero: 'Use 0 (firmware).',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const value = file.value.fileType;
      if (!isFiniteNumber(value) || value === 0) continue;
      const path = [...file.path, 'fileType'];
      context.report({
        path,
        messageId: 'notFirmware',
        data: { value },
        suggestions: [{ messageId: 'useZero', edits: [{ kind: 'replace', path, value: 0 }] }],
      });
    }
  },
});
