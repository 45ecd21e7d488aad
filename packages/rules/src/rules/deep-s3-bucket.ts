import { defineAccountRule } from '@otalint/core';
import { quote, s3Sources } from '../deep/request-values.js';

/** One GetBucketVersioning call per bucket answers both questions: does it exist, is it versioned. */
export default defineAccountRule({
  meta: {
    id: 'deep-s3-bucket',
    description: 'With `--deep`: the S3 bucket each file is read from exists and has versioning enabled.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing: 'S3 bucket "{{bucket}}" does not exist ({{error}}). Create it, or correct the bucket name.',
      notVersioned:
        'S3 bucket "{{bucket}}" {{state}}; OTA updates read firmware from a versioned bucket. Enable it: aws s3api put-bucket-versioning --bucket {{bucket}} --versioning-configuration Status=Enabled.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const { bucket } of s3Sources(context.request)) {
      const found = await context.account.bucket(bucket.value);
      if (found.status === 'unavailable') context.cannotCheck(bucket.path, `that S3 bucket "${bucket.value}" exists and is versioned`, found);
      else if (found.status === 'missing')
        context.report({ path: bucket.path, messageId: 'missing', data: { bucket: bucket.value, error: quote(found.error) } });
      else if (found.value.versioning !== 'Enabled') {
        const state = found.value.versioning === 'Suspended' ? 'has versioning suspended' : 'has never had versioning enabled';
        context.report({ path: bucket.path, messageId: 'notVersioned', data: { bucket: bucket.value, state } });
      }
    }
  },
});
