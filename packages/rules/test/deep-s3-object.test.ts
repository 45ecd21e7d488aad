import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-s3-object.js';
import { memoryAccount } from './support/account.js';
import { s3Request } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const versioned = s3Request({ bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' });
const latest = s3Request({ bucket: 'afr-ota-fw', key: 'fw.bin' });
const buckets = { 'afr-ota-fw': 'Enabled' } as const;

testAccountRule(rule, {
  valid: [
    {
      name: 'the named version exists',
      code: versioned,
      account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10, versions: ['v1'] } } }),
    },
    { name: 'the object exists (no version named)', code: latest, account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10 } } }) },
    { name: "a missing bucket is deep-s3-bucket's", code: versioned, account: memoryAccount({}) },
  ],
  invalid: [
    {
      name: 'no such object',
      code: latest,
      account: memoryAccount({ buckets }),
      errors: [
        {
          message: 'S3 object "fw.bin" is not in bucket "afr-ota-fw" (NotFound: The specified resource does not exist). Upload it, or correct the key.',
          ...rangeOfValue(latest, 'key'),
        },
      ],
    },
    {
      name: 'no such version: on the version',
      code: versioned,
      account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10, versions: ['v2'] } } }),
      errors: [
        {
          message:
            'S3 object "fw.bin" in bucket "afr-ota-fw" has no version "v1" (NotFound: The specified resource does not exist). List its versions: aws s3api list-object-versions --bucket afr-ota-fw --prefix fw.bin.',
          ...rangeOfValue(versioned, 'version'),
          path: '/files/0/fileLocation/s3Location/version',
        },
      ],
    },
    {
      name: 'a version named, but no object at all: on the key',
      code: versioned,
      account: memoryAccount({ buckets }),
      errors: [
        {
          message: 'S3 object "fw.bin" is not in bucket "afr-ota-fw" (NotFound: The specified resource does not exist). Upload it, or correct the key.',
          ...rangeOfValue(versioned, 'key'),
        },
      ],
    },
    {
      name: 'access denied',
      code: versioned,
      account: memoryAccount({ buckets, denied: ['s3:GetObjectVersion'] }),
      errors: [
        {
          message:
            'Could not check that S3 object "fw.bin" version "v1" exists in bucket "afr-ota-fw": AccessDenied: User is not authorized to perform: s3:GetObjectVersion; the credentials need s3:GetObjectVersion.',
          severity: 'info',
          ...rangeOfValue(versioned, 'version'),
        },
      ],
    },
  ],
});
