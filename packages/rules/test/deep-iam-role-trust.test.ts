import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-iam-role-trust.js';
import { IOT_TRUST, memoryAccount } from './support/account.js';
import { requestText, ROLE, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = requestText({ targets: [THING], roleArn: ROLE });
const at = rangeOfValue(code, 'roleArn');
const lambdaTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const untrusted = (why: string) =>
  `IAM role "${ROLE}" cannot be assumed by AWS IoT: ${why}. Add a trust policy statement that allows "sts:AssumeRole" for the principal { "Service": "iot.amazonaws.com" }.`;

testAccountRule(rule, {
  valid: [
    { name: 'trusted by iot.amazonaws.com', code, account: memoryAccount({ roles: { [ROLE]: IOT_TRUST } }) },
    {
      name: 'trusted with a confused-deputy condition, among other services',
      code,
      account: memoryAccount({
        roles: {
          [ROLE]: {
            Statement: {
              Effect: 'Allow',
              Principal: { Service: ['lambda.amazonaws.com', 'iot.amazonaws.com'] },
              Action: ['sts:AssumeRole'],
              Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
            },
          },
        },
      }),
    },
    { name: 'a malformed role ARN is not looked up', code: requestText({ roleArn: 'arn:aws:iam:123456789012:role/x' }), account: memoryAccount({}) },
  ],
  invalid: [
    {
      name: 'no such role',
      code,
      account: memoryAccount({}),
      errors: [
        {
          message: `IAM role "${ROLE}" does not exist (NoSuchEntity: The specified resource does not exist); AWS IoT cannot assume it, and the update fails. Create the role, or correct the ARN.`,
          ...at,
          path: '/roleArn',
        },
      ],
    },
    {
      name: 'trusts another service only',
      code,
      account: memoryAccount({ roles: { [ROLE]: lambdaTrust } }),
      errors: [{ message: untrusted('no statement of its trust policy names iot.amazonaws.com'), ...at }],
    },
    {
      name: 'an explicit deny',
      code,
      account: memoryAccount({
        roles: {
          [ROLE]: {
            Statement: [...(IOT_TRUST.Statement as object[]), { Sid: 'NoIot', Effect: 'Deny', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:*' }],
          },
        },
      }),
      errors: [{ message: untrusted('its trust policy has a Deny for iot.amazonaws.com (denied by statement "NoIot" of the trust policy)'), ...at }],
    },
    {
      name: 'a role in another account',
      code,
      account: memoryAccount({ caller: '999999999999' }),
      errors: [
        {
          message: `Could not check that IAM role "${ROLE}" exists and trusts iot.amazonaws.com: the role is in account 123456789012, and the credentials are for account 999999999999; run --deep with credentials of that account.`,
          severity: 'info',
          ...at,
        },
      ],
    },
    {
      name: 'access denied',
      code,
      account: memoryAccount({ denied: ['iam:GetRole'] }),
      errors: [
        {
          message: `Could not check that IAM role "${ROLE}" exists and trusts iot.amazonaws.com: AccessDenied: User is not authorized to perform: iam:GetRole; the credentials need iam:GetRole.`,
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
