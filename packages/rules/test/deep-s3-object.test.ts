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
    {
      name: 'a version that holds the file, of an object deleted since',
      code: versioned,
      account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10, versions: ['v1'], deleteMarkers: ['v2'], deleted: true } } }),
    },
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
      name: 'the object was deleted (its current version is a delete marker): on the key',
      code: latest,
      account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10, versions: ['v1'], deleted: true } } }),
      errors: [
        {
          message:
            'S3 object "fw.bin" in bucket "afr-ota-fw" was deleted: its current version is a delete marker, so there is no file to send. Upload it again, or name the version to send in `version` (aws s3api list-object-versions --bucket afr-ota-fw --prefix fw.bin).',
          ...rangeOfValue(latest, 'key'),
        },
      ],
    },
    {
      name: 'the version named is a delete marker: on the version',
      code: versioned,
      account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10, versions: ['v0'], deleteMarkers: ['v1'], deleted: true } } }),
      errors: [
        {
          message:
            'Version "v1" of S3 object "fw.bin" in bucket "afr-ota-fw" is a delete marker, not a file, so there is nothing to send. Name a version that holds the file: aws s3api list-object-versions --bucket afr-ota-fw --prefix fw.bin.',
          ...rangeOfValue(versioned, 'version'),
          path: '/files/0/fileLocation/s3Location/version',
        },
      ],
    },
    {
      name: 'no such version, and the object was deleted since: on the key',
      code: versioned,
      account: memoryAccount({ buckets, objects: { 'afr-ota-fw/fw.bin': { size: 10, versions: ['v2'], deleted: true } } }),
      errors: [
        {
          message:
            'S3 object "fw.bin" in bucket "afr-ota-fw" was deleted: its current version is a delete marker, so there is no file to send. Upload it again, or name the version to send in `version` (aws s3api list-object-versions --bucket afr-ota-fw --prefix fw.bin).',
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
