import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-otaupdate-id-available.js';
import { memoryAccount } from './support/account.js';
import { requestText, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = requestText({ otaUpdateId: 'fw-1', targets: [THING] });
const at = rangeOfValue(code, 'otaUpdateId');

testAccountRule(rule, {
  valid: [
    { name: 'the id is free', code, account: memoryAccount({ updates: { 'us-east-1/other': 'CREATE_COMPLETE' } }) },
    { name: 'taken in another region only', code, account: memoryAccount({ updates: { 'eu-west-1/fw-1': 'CREATE_COMPLETE' } }) },
  ],
  invalid: [
    {
      name: 'taken in the targets’ region',
      code,
      account: memoryAccount({ updates: { 'us-east-1/fw-1': 'CREATE_COMPLETE' } }),
      errors: [
        {
          message:
            'OTA update "fw-1" already exists in us-east-1 (status CREATE_COMPLETE), so CreateOTAUpdate fails with ResourceAlreadyExistsException. Choose a new otaUpdateId, or delete the old update: aws iot delete-ota-update --ota-update-id fw-1.',
          ...at,
          path: '/otaUpdateId',
        },
      ],
    },
    {
      name: '--region wins over the ARNs',
      code,
      region: 'eu-west-1',
      account: memoryAccount({ updates: { 'eu-west-1/fw-1': 'CREATE_FAILED' } }),
      errors: [
        {
          message:
            'OTA update "fw-1" already exists in eu-west-1 (status CREATE_FAILED), so CreateOTAUpdate fails with ResourceAlreadyExistsException. Choose a new otaUpdateId, or delete the old update: aws iot delete-ota-update --ota-update-id fw-1.',
          ...at,
        },
      ],
    },
    {
      name: 'access denied',
      code,
      account: memoryAccount({ denied: ['iot:GetOTAUpdate'] }),
      errors: [
        {
          message:
            'Could not check that otaUpdateId "fw-1" is not taken: AccessDenied: User is not authorized to perform: iot:GetOTAUpdate; the credentials need iot:GetOTAUpdate.',
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
