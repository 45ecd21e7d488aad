import { DELETE_MARKER } from '@otalint/core';
import type {
  AwsAccount,
  BucketFacts,
  CertificateFacts,
  Lookup,
  PermissionAnswer,
  PermissionVerdict,
  PolicyDocument,
  SigningJobFacts,
  SigningProfileFacts,
} from '@otalint/core';

/**
 * An account in memory, for the rule tables: it answers the AwsAccount interface from a plain
 * description, and records every question. The real account (the AWS SDK against moto_server)
 * is proven in packages/cli/test/deep-*.test.ts.
 */
export interface AccountState {
  readonly caller?: string;
  readonly buckets?: Readonly<Record<string, BucketFacts['versioning']>>;
  /**
   * By `bucket/key`: size, the version ids the object has, the version ids that are delete markers,
   * and whether the current version is one (the object was deleted).
   */
  readonly objects?: Readonly<Record<string, { size: number; versions?: readonly string[]; deleteMarkers?: readonly string[]; deleted?: boolean }>>;
  /** Role ARNs and their trust policies. */
  readonly roles?: Readonly<Record<string, PolicyDocument | undefined>>;
  /** Verdicts by `action resource`; anything not listed is allowed. */
  readonly permissions?: Readonly<Record<string, PermissionVerdict>>;
  /** `region/name`. */
  readonly things?: readonly string[];
  readonly thingGroups?: readonly string[];
  /** `region/id` -> status. */
  readonly updates?: Readonly<Record<string, string>>;
  readonly streams?: Readonly<Record<string, readonly number[]>>;
  readonly profiles?: Readonly<Record<string, SigningProfileFacts>>;
  readonly jobs?: Readonly<Record<string, SigningJobFacts>>;
  readonly certificates?: Readonly<Record<string, CertificateFacts>>;
  /** Operations that answer AccessDenied (`s3:GetBucketVersioning`...). */
  readonly denied?: readonly string[];
}

export const ACCOUNT = '123456789012';

export function memoryAccount(state: AccountState): AwsAccount & { readonly asked: string[] } {
  const asked: string[] = [];
  function answer<T>(operation: string, key: string, value: T | undefined, code: string): Promise<Lookup<T>> {
    asked.push(`${operation} ${key}`);
    if (state.denied?.includes(operation)) {
      return Promise.resolve({
        status: 'unavailable',
        reason: `AccessDenied: User is not authorized to perform: ${operation}; the credentials need ${operation}`,
        error: { code: 'AccessDenied', message: 'denied', httpStatus: 403 },
      });
    }
    if (value === undefined) return Promise.resolve({ status: 'missing', error: { code, message: 'The specified resource does not exist' } });
    return Promise.resolve({ status: 'found', value });
  }
  return {
    asked,
    callerAccount: () => answer('sts:GetCallerIdentity', '', state.caller ?? ACCOUNT, 'x'),
    bucket: (name) => answer('s3:GetBucketVersioning', name, state.buckets?.[name] && { versioning: state.buckets[name]! }, 'NoSuchBucket'),
    object(bucket, key, version) {
      const object = state.objects?.[`${bucket}/${key}`];
      const deleteMarker = version === undefined ? object?.deleted === true : (object?.deleteMarkers ?? []).includes(version);
      const present = object && !deleteMarker && (version === undefined || (object.versions ?? []).includes(version));
      return answer(
        version === undefined ? 's3:GetObject' : 's3:GetObjectVersion',
        `${bucket}/${key}${version ? `@${version}` : ''}`,
        present ? { size: object.size, ...(version ? { versionId: version } : {}) } : undefined,
        deleteMarker ? DELETE_MARKER : 'NotFound',
      );
    },
    role: (arn) => answer('iam:GetRole', arn, arn in (state.roles ?? {}) ? { arn, trustPolicy: state.roles![arn] } : undefined, 'NoSuchEntity'),
    permissions: (roleArn, questions) =>
      answer(
        'iam:SimulatePrincipalPolicy',
        roleArn,
        questions.map((q): PermissionAnswer => ({ ...q, verdict: state.permissions?.[`${q.action} ${q.resource}`] ?? 'allowed', source: 'policies' })),
        'NoSuchEntity',
      ),
    thing: (region, name) =>
      answer('iot:DescribeThing', `${region}/${name}`, state.things?.includes(`${region}/${name}`) ? {} : undefined, 'ResourceNotFoundException'),
    thingGroup: (region, name) =>
      answer('iot:DescribeThingGroup', `${region}/${name}`, state.thingGroups?.includes(`${region}/${name}`) ? {} : undefined, 'ResourceNotFoundException'),
    otaUpdate: (region, id) => {
      const status = state.updates?.[`${region}/${id}`];
      return answer('iot:GetOTAUpdate', `${region}/${id}`, status === undefined ? undefined : { status }, 'ResourceNotFoundException');
    },
    stream: (region, id) => {
      const files = state.streams?.[id];
      return answer('iot:DescribeStream', `${region}/${id}`, files && { fileIds: files }, 'ResourceNotFoundException');
    },
    signingProfile: (region, name) => answer('signer:GetSigningProfile', `${region}/${name}`, state.profiles?.[name], 'ResourceNotFoundException'),
    signingJob: (region, id) => answer('signer:DescribeSigningJob', `${region}/${id}`, state.jobs?.[id], 'ResourceNotFoundException'),
    certificate: (arn) => answer('acm:DescribeCertificate', arn, state.certificates?.[arn], 'ResourceNotFoundException'),
  };
}

export const IOT_TRUST: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/**
 * An account where everything a request names exists and is wrong for it: buckets never
 * versioned, objects without the versions named and larger than any device takes, roles that
 * trust no one and may do nothing, ids taken, profiles revoked with another platform and
 * certificate, jobs failed, certificates expired. With `memoryAccount({})` (nothing exists), it
 * gives every deep rule something to report.
 */
export function contraryAccount(): AwsAccount {
  const found = <T>(value: T): Promise<Lookup<T>> => Promise.resolve({ status: 'found', value });
  const missing = (code: string): Promise<Lookup<never>> =>
    Promise.resolve({ status: 'missing', error: { code, message: 'The specified resource does not exist' } });
  return {
    callerAccount: () => found(ACCOUNT),
    bucket: () => found({ versioning: 'Never' }),
    object: (_bucket, _key, version) => (version === undefined ? found({ size: 2 ** 31 }) : missing('NoSuchVersion')),
    role: (arn) => found({ arn, trustPolicy: { Version: '2012-10-17', Statement: [] } }),
    permissions: (_role, questions) => found(questions.map((q): PermissionAnswer => ({ ...q, verdict: 'denied', source: 'policies' }))),
    thing: () => found({}),
    thingGroup: () => found({}),
    otaUpdate: () => found({ status: 'CREATE_COMPLETE' }),
    stream: () => found({ fileIds: [] }),
    signingProfile: () =>
      found({ status: 'Revoked', platformId: 'contrary-platform', certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/contrary` }),
    signingJob: () => found({ status: 'Failed', statusReason: 'contrary' }),
    certificate: () => found({ status: 'EXPIRED', notAfter: new Date(0) }),
  };
}
