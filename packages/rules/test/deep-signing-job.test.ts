import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-signing-job.js';
import { memoryAccount } from './support/account.js';
import { requestText, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = requestText({ targets: [THING], files: [{ fileName: 'fw.bin', codeSigning: { awsSignerJobId: 'job-1' } }] });
const at = rangeOfValue(code, 'awsSignerJobId');

testAccountRule(rule, {
  valid: [{ name: 'a succeeded job', code, account: memoryAccount({ jobs: { 'job-1': { status: 'Succeeded' } } }) }],
  invalid: [
    {
      name: 'no such job',
      code,
      account: memoryAccount({}),
      errors: [
        {
          message:
            'Signing job "job-1" does not exist in us-east-1 (ResourceNotFoundException: The specified resource does not exist). Use the jobId that aws signer start-signing-job printed.',
          ...at,
          path: '/files/0/codeSigning/awsSignerJobId',
        },
      ],
    },
    {
      name: 'a failed job',
      code,
      account: memoryAccount({ jobs: { 'job-1': { status: 'Failed', statusReason: 'Access denied to source object' } } }),
      errors: [
        {
          message:
            'Signing job "job-1" is Failed ("Access denied to source object"), so there is no signed image to send. Wait for it to succeed, or sign again.',
          ...at,
        },
      ],
    },
    {
      name: 'access denied',
      code,
      account: memoryAccount({ denied: ['signer:DescribeSigningJob'] }),
      errors: [
        {
          message:
            'Could not check that signing job "job-1" succeeded: AccessDenied: User is not authorized to perform: signer:DescribeSigningJob; the credentials need signer:DescribeSigningJob.',
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
