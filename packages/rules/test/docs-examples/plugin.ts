import type { Plugin } from '@otalint/core';
import noBetaBuckets from './no-beta-buckets.js';

export default {
  meta: { name: 'otalint-plugin-acme', version: '1.0.0' },
  rules: { 'no-beta-buckets': noBetaBuckets },
  configs: { recommended: { rules: { 'acme/no-beta-buckets': 'warn' } } },
} satisfies Plugin;
