import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-iam-role-permissions.js';
import { IOT_TRUST, memoryAccount } from './support/account.js';
import { requestText, ROLE, s3Request, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = s3Request({ bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' });
const http = s3Request({ bucket: 'afr-ota-fw', key: 'fw.bin' }, { protocols: ['HTTP'] });
const signed = requestText({
  otaUpdateId: 'fw-2',
  targets: [THING],
  protocols: ['HTTP'],
  files: [
    {
      fileLocation: { s3Location: { bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' } },
      codeSigning: { startSigningJobParameter: { signingProfileName: 'ota_profile' } },
    },
  ],
  roleArn: ROLE,
});
const at = rangeOfValue(code, 'roleArn');
const roles = { [ROLE]: IOT_TRUST };
const notAllowed = (action: string, resource: string, why: string, purpose: string) =>
  `IAM role "${ROLE}" is not allowed ${action} on ${resource} (${why}); the update needs it ${purpose}, or it ends in CREATE_FAILED. Allow it in the role's policy.`;

testAccountRule(rule, {
  valid: [
    { name: 'everything allowed', code, account: memoryAccount({ roles }) },
    {
      name: 'HTTP only: no stream needed',
      code: http,
      account: memoryAccount({ roles, permissions: { 'iot:CreateStream arn:aws:iot:us-east-1:123456789012:stream/AFR_OTA-fw-1': 'not-allowed' } }),
    },
    { name: "a missing role is deep-iam-role-trust's", code, account: memoryAccount({}) },
    {
      name: 'Python: a version, an update id and a profile name known only at run time: no question about stand-ins',
      code: `import boto3
boto3.client("iot").create_ota_update(
    otaUpdateId=update_id,
    targets=["${THING}"],
    files=[{"fileName": "fw.bin", "fileLocation": {"s3Location": {"bucket": "afr-ota-fw", "key": "fw.bin", "version": version}},
            "codeSigning": {"startSigningJobParameter": {"signingProfileName": profile}}}],
    roleArn="${ROLE}",
)
`,
      format: 'python',
      account: memoryAccount({
        roles,
        permissions: {
          's3:GetObject arn:aws:s3:::afr-ota-fw/fw.bin': 'denied',
          'iot:CreateStream arn:aws:iot:us-east-1:123456789012:stream/AFR_OTA-update': 'denied',
          'signer:StartSigningJob arn:aws:signer:us-east-1:123456789012:/signing-profiles/*': 'denied',
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'no PassRole, no GetObjectVersion, no CreateStream',
      code,
      account: memoryAccount({
        roles,
        permissions: {
          [`iam:PassRole ${ROLE}`]: 'not-allowed',
          's3:GetObjectVersion arn:aws:s3:::afr-ota-fw/fw.bin': 'denied',
          'iot:CreateStream arn:aws:iot:us-east-1:123456789012:stream/AFR_OTA-fw-1': 'not-allowed',
        },
      }),
      errors: [
        { message: notAllowed('iam:PassRole', ROLE, 'no statement of its policies allows it', 'to pass the role to AWS IoT'), ...at, path: '/roleArn' },
        { message: notAllowed('s3:GetObjectVersion', 'arn:aws:s3:::afr-ota-fw/fw.bin', 'a Deny in its policies', 'to read the firmware'), ...at },
        {
          message: notAllowed(
            'iot:CreateStream',
            'arn:aws:iot:us-east-1:123456789012:stream/AFR_OTA-fw-1',
            'no statement of its policies allows it',
            'to create the MQTT stream devices download from',
          ),
          ...at,
        },
      ],
    },
    {
      name: 'a signing job without signer:StartSigningJob',
      code: signed,
      account: memoryAccount({
        roles,
        permissions: { 'signer:StartSigningJob arn:aws:signer:us-east-1:123456789012:/signing-profiles/ota_profile': 'not-allowed' },
      }),
      errors: [
        {
          message: notAllowed(
            'signer:StartSigningJob',
            'arn:aws:signer:us-east-1:123456789012:/signing-profiles/ota_profile',
            'no statement of its policies allows it',
            'to start the signing job',
          ),
          ...rangeOfValue(signed, 'roleArn'),
        },
      ],
    },
    {
      name: 'undetermined (a condition): info',
      code: http,
      account: memoryAccount({ roles, permissions: { 's3:GetObject arn:aws:s3:::afr-ota-fw/fw.bin': 'undetermined' } }),
      errors: [
        {
          message: `Could not check that IAM role "${ROLE}" is allowed s3:GetObject on arn:aws:s3:::afr-ota-fw/fw.bin: its policies do not decide it.`,
          severity: 'info',
          ...rangeOfValue(http, 'roleArn'),
        },
      ],
    },
    {
      name: 'the simulator and the policies cannot be read',
      code,
      account: memoryAccount({ roles, denied: ['iam:SimulatePrincipalPolicy'] }),
      errors: [
        {
          message: `Could not check what IAM role "${ROLE}" is allowed to do: AccessDenied: User is not authorized to perform: iam:SimulatePrincipalPolicy; the credentials need iam:SimulatePrincipalPolicy.`,
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
