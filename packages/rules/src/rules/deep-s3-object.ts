import { DELETE_MARKER, defineAccountRule } from '@otalint/core';
import { quote, s3Sources } from '../deep/request-values.js';

/**
 * HeadObject, with the version when the request names one. When that version is missing, a second
 * HeadObject without it tells "no such version" (reported on `version`) from "no such object"
 * (reported on `key`). S3 marks a delete marker in its answer, so a deleted object and a version
 * that is a delete marker are each named as such.
 */
export default defineAccountRule({
  meta: {
    id: 'deep-s3-object',
    description: 'With `--deep`: the S3 object each file is read from exists, and so does the `version` the request names.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      objectMissing: 'S3 object "{{key}}" is not in bucket "{{bucket}}" ({{error}}). Upload it, or correct the key.',
      objectDeleted:
        'S3 object "{{key}}" in bucket "{{bucket}}" was deleted: its current version is a delete marker, so there is no file to send. Upload it again, or name the version to send in `version` (aws s3api list-object-versions --bucket {{bucket}} --prefix {{key}}).',
      versionDeleteMarker:
        'Version "{{version}}" of S3 object "{{key}}" in bucket "{{bucket}}" is a delete marker, not a file, so there is nothing to send. Name a version that holds the file: aws s3api list-object-versions --bucket {{bucket}} --prefix {{key}}.',
      versionMissing:
        'S3 object "{{key}}" in bucket "{{bucket}}" has no version "{{version}}" ({{error}}). List its versions: aws s3api list-object-versions --bucket {{bucket}} --prefix {{key}}.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const { bucket, key, version, versionUnknown } of s3Sources(context.request)) {
      if (!key || versionUnknown) continue;
      // A missing bucket is deep-s3-bucket's finding; an unanswered one is its info.
      if ((await context.account.bucket(bucket.value)).status !== 'found') continue;
      const what = `that S3 object "${key.value}"${version ? ` version "${version.value}"` : ''} exists in bucket "${bucket.value}"`;
      const found = await context.account.object(bucket.value, key.value, version?.value);
      if (found.status === 'unavailable') context.cannotCheck(version?.path ?? key.path, what, found);
      if (found.status !== 'missing') continue;
      const data = { bucket: bucket.value, key: key.value, error: quote(found.error) };
      const deleted = found.error.code === DELETE_MARKER;
      if (!version) {
        context.report({ path: key.path, messageId: deleted ? 'objectDeleted' : 'objectMissing', data });
        continue;
      }
      if (deleted) {
        context.report({ path: version.path, messageId: 'versionDeleteMarker', data: { ...data, version: version.value } });
        continue;
      }
      const latest = await context.account.object(bucket.value, key.value, undefined);
      if (latest.status !== 'missing') context.report({ path: version.path, messageId: 'versionMissing', data: { ...data, version: version.value } });
      else if (latest.error.code === DELETE_MARKER) context.report({ path: key.path, messageId: 'objectDeleted', data });
      else context.report({ path: key.path, messageId: 'objectMissing', data: { ...data, error: quote(latest.error) } });
    }
  },
});
