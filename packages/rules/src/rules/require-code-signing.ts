import { defineRule, fileEntries, isAbsent, isObject, SIGNING_METHODS } from '@otalint/core';

/**
 * The model lets `codeSigning` be omitted, but FreeRTOS OTA agents verify every image and reject
 * one without a signature, after the update has been created and rolled out (inferred: a warning).
 */
export default defineRule({
  meta: {
    id: 'require-code-signing',
    description: 'Every file has `codeSigning`, since FreeRTOS OTA agents reject unsigned images.',
    category: 'signing',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    freertosSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      missing:
        'This file has no `codeSigning`; FreeRTOS OTA agents verify the image and reject it unsigned. Add `codeSigning` with `awsSignerJobId`, `startSigningJobParameter` or `customCodeSigning`.',
      empty:
        '`codeSigning` names no signing method, so the file goes out unsigned; FreeRTOS OTA agents reject it. Add `awsSignerJobId`, `startSigningJobParameter` or `customCodeSigning`.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const codeSigning = file.value.codeSigning;
      if (isAbsent(file.value, 'codeSigning')) context.report({ path: [...file.path, 'codeSigning'], target: 'parent', messageId: 'missing' });
      else if (isObject(codeSigning) && SIGNING_METHODS.every((method) => isAbsent(codeSigning, method))) {
        context.report({ path: [...file.path, 'codeSigning'], messageId: 'empty' });
      }
    }
  },
});
