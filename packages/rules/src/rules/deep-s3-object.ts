import { defineAccountRule } from '@otalint/core';
import { quote, s3Sources } from '../deep/request-values.js';

/**
 * HeadObject, with the version when the request names one. When that version is missing, a second
 * HeadObject without it tells "no such version" (reported on `version`) from "no such object"
 * (reported on `key`).
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
      if (!version) {
        context.report({ path: key.path, messageId: 'objectMissing', data });
        continue;
      }
      const latest = await context.account.object(bucket.value, key.value, undefined);
      if (latest.status === 'missing') context.report({ path: key.path, messageId: 'objectMissing', data: { ...data, error: quote(latest.error) } });
      else context.report({ path: version.path, messageId: 'versionMissing', data: { ...data, version: version.value } });
    }
  },
});
