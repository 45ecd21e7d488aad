import {
  childObject,
  defineAccountRule,
  fileEntries,
  isAbsent,
  isList,
  isObject,
  isString,
  type PermissionAnswer,
  type PermissionQuestion,
} from '@otalint/core';
import { otherAccount, roleArnOf, s3Sources, stringAt, type RoleArn } from '../deep/request-values.js';

interface Need extends PermissionQuestion {
  /** What the update does with it, for the message. */
  readonly purpose: string;
}

/**
 * What the role must allow for this request, as AWS's OTA guide and the AmazonFreeRTOSOTAUpdate
 * managed policy give it: passing itself to IoT, reading each S3 object (the version when one is
 * named), creating the MQTT stream for a file read from S3, starting a signing job.
 */
function needs(request: unknown, role: RoleArn, region: string | undefined): Need[] {
  const out: Need[] = [{ action: 'iam:PassRole', resource: role.value, purpose: 'to pass the role to AWS IoT' }];
  for (const { bucket, key, version, versionUnknown } of s3Sources(request)) {
    // Which action reads the object depends on a version known only at run time.
    if (!key || versionUnknown) continue;
    const action = version ? 's3:GetObjectVersion' : 's3:GetObject';
    out.push({ action, resource: `arn:${role.partition}:s3:::${bucket.value}/${key.value}`, purpose: 'to read the firmware' });
  }
  const protocols = isObject(request) ? request.protocols : undefined;
  const mqtt = protocols === undefined || (isList(protocols) && protocols.some((p) => isString(p) && p.toUpperCase() === 'MQTT'));
  const id = isObject(request) && isString(request.otaUpdateId) ? request.otaUpdateId : isAbsent(request, 'otaUpdateId') ? 'update' : undefined;
  if (mqtt && region && id !== undefined && s3Sources(request).length > 0) {
    out.push({
      action: 'iot:CreateStream',
      resource: `arn:${role.partition}:iot:${region}:${role.account}:stream/AFR_OTA-${id}`,
      purpose: 'to create the MQTT stream devices download from',
    });
  }
  for (const file of fileEntries(request)) {
    const signing = childObject(file, 'codeSigning');
    const start = signing && childObject(signing, 'startSigningJobParameter');
    const profile = stringAt(start, 'signingProfileName');
    // A name known only at run time: the question is about that profile, not every one.
    if (!start || !region || (!profile && !isAbsent(start.value, 'signingProfileName'))) continue;
    out.push({
      action: 'signer:StartSigningJob',
      resource: `arn:${role.partition}:signer:${region}:${role.account}:/signing-profiles/${profile?.value ?? '*'}`,
      purpose: 'to start the signing job',
    });
  }
  return out.filter((need, index) => out.findIndex((other) => other.action === need.action && other.resource === need.resource) === index);
}

function why(answer: PermissionAnswer): string {
  if (answer.source === 'simulator') return `IAM's policy simulator answers ${answer.verdict === 'denied' ? 'explicitDeny' : 'implicitDeny'}`;
  return answer.detail ?? (answer.verdict === 'denied' ? 'a Deny in its policies' : 'no statement of its policies allows it');
}

export default defineAccountRule({
  meta: {
    id: 'deep-iam-role-permissions',
    description:
      "With `--deep`: the `roleArn` role's policies allow what the update needs: `iam:PassRole` on itself, `s3:GetObject`/`s3:GetObjectVersion` on each object, `iot:CreateStream` for MQTT, `signer:StartSigningJob` when signing.",
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      notAllowed:
        'IAM role "{{role}}" is not allowed {{action}} on {{resource}} ({{why}}); the update needs it {{purpose}}, or it ends in CREATE_FAILED. Allow it in the role\'s policy.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    const role = roleArnOf(context.request);
    if (!role) return;
    // A missing or unreadable role is deep-iam-role-trust's finding.
    if (await otherAccount(context.account, role.account, 'the role')) return;
    if ((await context.account.role(role.value)).status !== 'found') return;
    const wanted = needs(context.request, role, context.region);
    const answers = await context.account.permissions(role.value, wanted);
    if (answers.status === 'unavailable') return context.cannotCheck(role.path, `what IAM role "${role.value}" is allowed to do`, answers);
    if (answers.status === 'missing') return;
    for (const [index, answer] of answers.value.entries()) {
      const need = wanted[index]!;
      if (answer.verdict === 'allowed') continue;
      if (answer.verdict === 'undetermined') {
        context.cannotCheck(role.path, `that IAM role "${role.value}" is allowed ${need.action} on ${need.resource}`, {
          status: 'unavailable',
          reason: answer.detail ?? 'its policies do not decide it',
        });
        continue;
      }
      context.report({
        path: role.path,
        messageId: 'notAllowed',
        data: { role: role.value, action: need.action, resource: need.resource, why: why(answer), purpose: need.purpose },
      });
    }
  },
});
