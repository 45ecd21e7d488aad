import { defineAccountRule } from '@otalint/core';
import { quote, signingDestinations } from '../deep/request-values.js';

export default defineAccountRule({
  meta: {
    id: 'deep-signing-destination-bucket',
    description: 'With `--deep`: the S3 bucket a signing job writes the signed image to (`destination.s3Destination.bucket`) exists.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing: 'S3 bucket "{{bucket}}" does not exist ({{error}}), so AWS Signer cannot write the signed image there. Create it, or name an existing bucket.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const bucket of signingDestinations(context.request)) {
      const found = await context.account.bucket(bucket.value);
      if (found.status === 'unavailable') context.cannotCheck(bucket.path, `that S3 bucket "${bucket.value}" exists`, found);
      else if (found.status === 'missing')
        context.report({ path: bucket.path, messageId: 'missing', data: { bucket: bucket.value, error: quote(found.error) } });
    }
  },
});
