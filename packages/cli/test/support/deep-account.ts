import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACMClient, ImportCertificateCommand } from '@aws-sdk/client-acm';
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateThingCommand, CreateThingGroupCommand, IoTClient } from '@aws-sdk/client-iot';
import { CreateBucketCommand, DeleteObjectCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CancelSigningProfileCommand, PutSigningProfileCommand, SignerClient } from '@aws-sdk/client-signer';
import { TEST_ACCOUNT, TEST_CREDENTIALS } from './fake-iot.js';
import { REPO_ROOT } from './run-bin.js';

/**
 * The account the deep-check tests run against, created in moto_server with the real AWS SDK:
 * what a correct OTA setup has, plus one planted problem per check.
 */
export const REGION = 'us-east-1';
export const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/ota-role`;
export const LAMBDA_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
export const NO_PASS_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/nopass-role`;
export const THING = `arn:aws:iot:${REGION}:${TEST_ACCOUNT}:thing/dev1`;
export const GROUP = `arn:aws:iot:${REGION}:${TEST_ACCOUNT}:thinggroup/fleet`;

export interface SeededAccount {
  readonly version: string;
  readonly bigVersion: string;
  /** `afr-ota-fw/gone.bin`: a version that held the file, and the delete marker that deleted it. */
  readonly goneVersion: string;
  readonly deleteMarker: string;
  /** ACM (and moto) refuse to import an expired certificate; the rule table covers expiry. */
  readonly certificate: string;
}

const trust = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

const otaPolicy = (roleArn: string, passRole: boolean) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      ...(passRole ? [{ Sid: 'PassItself', Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: roleArn }] : []),
      { Sid: 'ReadFirmware', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::afr-ota*/*' },
      { Effect: 'Allow', Action: ['iot:CreateStream', 'iot:CreateJob', 'signer:StartSigningJob'], Resource: '*' },
    ],
  });

export async function seedAccount(endpoint: string): Promise<SeededAccount> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = { endpoint, region: REGION, credentials: TEST_CREDENTIALS };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const iam = new IAMClient(config);
  const iot = new IoTClient(config);
  const acm = new ACMClient(config);
  const signer = new SignerClient(config);
  try {
    for (const bucket of ['afr-ota-fw', 'afr-ota-plain', 'afr-ota-signed']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'afr-ota-fw', VersioningConfiguration: { Status: 'Enabled' } }));
    const firmware = readFileSync(path.join(REPO_ROOT, 'fixtures/material/firmware.bin'));
    const version = (await s3.send(new PutObjectCommand({ Bucket: 'afr-ota-fw', Key: 'fw.bin', Body: firmware }))).VersionId!;
    const bigVersion = (await s3.send(new PutObjectCommand({ Bucket: 'afr-ota-fw', Key: 'big.bin', Body: Buffer.alloc(5 * 1024 * 1024, 1) }))).VersionId!;
    await s3.send(new PutObjectCommand({ Bucket: 'afr-ota-plain', Key: 'fw.bin', Body: firmware }));
    const goneVersion = (await s3.send(new PutObjectCommand({ Bucket: 'afr-ota-fw', Key: 'gone.bin', Body: firmware }))).VersionId!;
    const deleteMarker = (await s3.send(new DeleteObjectCommand({ Bucket: 'afr-ota-fw', Key: 'gone.bin' }))).VersionId!;

    await iam.send(new CreateRoleCommand({ RoleName: 'ota-role', AssumeRolePolicyDocument: trust('iot.amazonaws.com') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'ota-role', PolicyName: 'ota', PolicyDocument: otaPolicy(ROLE, true) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'ota', PolicyDocument: otaPolicy(LAMBDA_ROLE, true) }));
    // This one's policy is a managed policy, so the fallback reads GetPolicy/GetPolicyVersion too.
    await iam.send(new CreateRoleCommand({ RoleName: 'nopass-role', AssumeRolePolicyDocument: trust('iot.amazonaws.com') }));
    const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'ota-without-passrole', PolicyDocument: otaPolicy(NO_PASS_ROLE, false) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'nopass-role', PolicyArn: managed.Policy!.Arn! }));

    await iot.send(new CreateThingCommand({ thingName: 'dev1' }));
    await iot.send(new CreateThingGroupCommand({ thingGroupName: 'fleet' }));

    const material = (name: string) => readFileSync(path.join(REPO_ROOT, 'fixtures/material', name));
    const certificate = (await acm.send(new ImportCertificateCommand({ Certificate: material('ec-p256.crt'), PrivateKey: material('ec-p256.key') })))
      .CertificateArn!;

    await signer.send(
      new PutSigningProfileCommand({ profileName: 'ota_profile', platformId: 'AmazonFreeRTOS-Default', signingMaterial: { certificateArn: certificate } }),
    );
    await signer.send(
      new PutSigningProfileCommand({ profileName: 'old_profile', platformId: 'AmazonFreeRTOS-Default', signingMaterial: { certificateArn: certificate } }),
    );
    await signer.send(new CancelSigningProfileCommand({ profileName: 'old_profile' }));
    return { version, bigVersion, goneVersion, deleteMarker, certificate };
  } finally {
    for (const client of [s3, iam, iot, acm, signer]) client.destroy();
  }
}

/** An IAM user allowed only `actions` (three IAM calls), and its access key. */
export async function createLimitedUser(endpoint: string, actions: readonly string[]): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const iam = new IAMClient({ endpoint, region: REGION, credentials: TEST_CREDENTIALS });
  try {
    await iam.send(new CreateUserCommand({ UserName: 'linter' }));
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...actions], Resource: '*' }] };
    await iam.send(new PutUserPolicyCommand({ UserName: 'linter', PolicyName: 'limited', PolicyDocument: JSON.stringify(policy) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'linter' }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  } finally {
    iam.destroy();
  }
}
