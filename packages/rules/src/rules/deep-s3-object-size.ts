import { defineAccountRule } from '@otalint/core';
import { s3Sources } from '../deep/request-values.js';

/** Bytes as messages give them: exact, with MiB beside from 1 MiB on. */
const size = (bytes: number) => `${bytes} bytes${bytes >= 1024 * 1024 ? ` (${(bytes / (1024 * 1024)).toFixed(2)} MiB)` : ''}`;

export default defineAccountRule({
  meta: {
    id: 'deep-s3-object-size',
    description: "With `--deep`: the S3 object each file is read from fits the device (the device profile's `maxFileBytes`: 4 MiB by default).",
    category: 'deep',
    defaultSeverity: 'warning',
    certainty: 'documented',
    unknownValues: 'checked',
    optionsSchema: {
      type: 'object',
      properties: { maxBytes: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    messages: {
      tooLarge:
        'S3 object "{{key}}" is {{size}}, more than the {{limit}} the devices can track ({{limitFrom}}: block bitmap size x 8 x block size). Shrink the image, or set the device profile\'s `maxFileBytes` to what your agent was built to take.',
    },
  },
  defaultOptions: {} as { readonly maxBytes?: number },
  async checkAccount(context) {
    const maxBytes = context.options.maxBytes ?? context.device.maxFileBytes;
    if (maxBytes === undefined) return;
    const limitFrom = context.options.maxBytes === undefined ? `device profile "${context.device.name}"` : 'option `maxBytes`';
    for (const { bucket, key, version, versionUnknown } of s3Sources(context.request)) {
      if (!key || versionUnknown) continue;
      // Existence and access are deep-s3-object's findings; this rule reports only on what it could measure.
      if ((await context.account.bucket(bucket.value)).status !== 'found') continue;
      const found = await context.account.object(bucket.value, key.value, version?.value);
      if (found.status !== 'found' || found.value.size <= maxBytes) continue;
      context.report({
        path: key.path,
        messageId: 'tooLarge',
        data: { key: key.value, size: size(found.value.size), limit: size(maxBytes), limitFrom },
      });
    }
  },
});
