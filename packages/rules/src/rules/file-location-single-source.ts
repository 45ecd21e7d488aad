import { childObject, defineRule, fileEntries, isPresent } from '@otalint/core';

/**
 * A file comes from one place. The model lets `fileLocation` hold both an IoT stream and an S3
 * object; which one the service then sends is not documented, and every AWS example names one.
 */
export default defineRule({
  meta: {
    id: 'file-location-single-source',
    description: '`fileLocation` names one source: `stream` or `s3Location`, not both.',
    category: 'files',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    unknownValues: 'checked',
    needs: ['files[].fileLocation.stream'],
    messages: {
      both: '`fileLocation` has both `stream` and `s3Location`, and which one the service sends is undefined. Keep `stream` for a file already in an IoT stream, or `s3Location` for an S3 object.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const location = childObject(file, 'fileLocation');
      if (location && isPresent(location.value, 'stream') && isPresent(location.value, 's3Location')) {
        context.report({ path: location.path, target: 'key', messageId: 'both' });
      }
    }
  },
});
