import { childObject, defineRule, fileEntries, isAbsent, isString, mayUseSigningMethod } from '@otalint/core';

/**
 * OTA reads the S3 object once, when the update is created (to sign it or build its stream); a
 * version pins what devices get. Without one, the bucket is likely unversioned and a later upload to
 * the same key changes a rollout's file. Signing jobs require it: signing-job-locations reports those.
 */
export default defineRule({
  meta: {
    id: 's3-object-version',
    description: '`fileLocation.s3Location` names the object version (the bucket must be versioned).',
    category: 'files',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      missing:
        "`s3Location` has no `version`; OTA updates expect a versioned bucket, and without a version a later upload to {{key}} changes what this update sends. Enable versioning on the bucket and add the object's version id (`aws s3api head-object` prints it as VersionId).",
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const s3 = childObject(file, 'fileLocation.s3Location');
      if (!s3 || !isAbsent(s3.value, 'version')) continue;
      if (mayUseSigningMethod(file, 'startSigningJobParameter')) continue;
      const key = isString(s3.value.key) ? `"${s3.value.key}"` : 'the same key';
      context.report({ path: [...s3.path, 'version'], target: 'parent', messageId: 'missing', data: { key } });
    }
  },
});
