import { deviceProfile } from '@otalint/core';
import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-s3-object-size.js';
import { memoryAccount } from './support/account.js';
import { s3Request } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = s3Request({ bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' });
const account = (size: number) => memoryAccount({ buckets: { 'afr-ota-fw': 'Enabled' }, objects: { 'afr-ota-fw/fw.bin': { size, versions: ['v1'] } } });

testAccountRule(rule, {
  valid: [
    { name: 'exactly 4 MiB', code, account: account(4 * 1024 * 1024) },
    { name: 'a raised limit', code, account: account(6 * 1024 * 1024), options: { maxBytes: 8 * 1024 * 1024 } },
    { name: 'a device profile without a file limit', code, account: account(64 * 1024 * 1024), device: deviceProfile('generic') },
    {
      name: 'a device profile with a larger limit',
      code,
      account: account(6 * 1024 * 1024),
      device: { ...deviceProfile('freertos'), maxFileBytes: 8 * 1024 * 1024 },
    },
    { name: 'no object: nothing to measure', code, account: memoryAccount({ buckets: { 'afr-ota-fw': 'Enabled' } }) },
  ],
  invalid: [
    {
      name: 'one byte over the default',
      code,
      account: account(4 * 1024 * 1024 + 1),
      errors: [
        {
          message:
            'S3 object "fw.bin" is 4194305 bytes (4.00 MiB), more than the 4194304 bytes (4.00 MiB) the devices can track (device profile "freertos": block bitmap size x 8 x block size). Shrink the image, or set the device profile\'s `maxFileBytes` to what your agent was built to take.',
          ...rangeOfValue(code, 'key'),
        },
      ],
    },
    {
      name: 'a lowered limit',
      code,
      account: account(3000),
      options: { maxBytes: 2048 },
      errors: [
        {
          message:
            'S3 object "fw.bin" is 3000 bytes, more than the 2048 bytes the devices can track (option `maxBytes`: block bitmap size x 8 x block size). Shrink the image, or set the device profile\'s `maxFileBytes` to what your agent was built to take.',
          ...rangeOfValue(code, 'key'),
        },
      ],
    },
  ],
});
