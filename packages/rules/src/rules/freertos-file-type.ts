import { defineRule, fileEntries, isFiniteNumber } from '@otalint/core';

/**
 * `fileType` is opaque to AWS. The FreeRTOS OTA agent activates a received file only when its type
 * is the device's firmware type (`configOTA_FIRMWARE_UPDATE_FILE_TYPE_ID`, the device profile's
 * `firmwareFileType`); any other type is reported SUCCEEDED and handed to the application without
 * being activated. AWS's own examples use 1. A warning: a file that is not firmware may use
 * another type on purpose.
 */
export default defineRule({
  meta: {
    id: 'freertos-file-type',
    description: "`fileType` is the type FreeRTOS OTA agents activate as firmware: 0 unless the device profile's `firmwareFileType` says otherwise.",
    category: 'files',
    defaultSeverity: 'warning',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    unknownValues: 'checked',
    messages: {
      notFirmware:
        '`fileType` is {{value}}, but the devices activate only type {{expected}} as firmware (device profile "{{device}}", `configOTA_FIRMWARE_UPDATE_FILE_TYPE_ID` in the agent): a file of type {{value}} is reported SUCCEEDED and never activated. Use {{expected}} for a firmware image (or keep {{value}} if the application handles this file itself).',
      useFirmwareType: 'Use {{expected}} (firmware).',
    },
  },
  defaultOptions: {},
  check(context) {
    const expected = context.device.firmwareFileType;
    if (expected === undefined) return;
    for (const file of fileEntries(context.request)) {
      const value = file.value.fileType;
      if (!isFiniteNumber(value) || value === expected) continue;
      const path = [...file.path, 'fileType'];
      context.report({
        path,
        messageId: 'notFirmware',
        data: { value, expected, device: context.device.name },
        suggestions: [{ messageId: 'useFirmwareType', data: { expected }, edits: [{ kind: 'replace', path, value: expected }] }],
      });
    }
  },
});
