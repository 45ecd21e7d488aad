import {
  DELETE_MARKER,
  evaluatePolicies,
  parseArn,
  withBoundary,
  type AwsAccount,
  type Lookup,
  type NamedPolicy,
  type PermissionAnswer,
  type PermissionQuestion,
  type PolicyDocument,
  type RoleFacts,
  type Unavailable,
} from '@otalint/core';
import { ClientSetupError, checkProfile, checkRegion, sdkClientConfig, type AwsClientOptions } from '../aws/client-options.js';
import { AWS_SDK_PACKAGES, requireAwsSdk } from '../aws/sdk-packages.js';
import { CallCache } from './call-cache.js';
import { awsError, failedLookup } from './failures.js';

/**
 * The AWS account behind --deep, read with the AWS SDK for JavaScript v3. Every call is a read
 * (Get, Head, Describe, List, Simulate); each distinct one is made once per run, at most
 * `concurrency` at a time. The SDK modules are imported here only, and only when --deep runs.
 */
export interface SdkAccount extends AwsAccount {
  /** The default chain's region (AWS_REGION, the profile's), if any. */
  readonly defaultRegion: string | undefined;
  /** Calls made so far, by IAM action. */
  readonly calls: ReadonlyMap<string, number>;
  destroy(): void;
}

export interface SdkAccountOptions extends AwsClientOptions {
  /** Calls in flight at once (default 8). */
  readonly concurrency?: number;
}

const NOT_FOUND = ['ResourceNotFoundException'];
const NO_REGION: Unavailable = {
  status: 'unavailable',
  reason: 'no AWS region is known for this request (pass --region, set AWS_REGION, or name the region in its target ARNs)',
};

interface Destroyable {
  destroy(): void;
}

export async function createSdkAccount(options: SdkAccountOptions): Promise<SdkAccount> {
  requireAwsSdk('otalint lint --deep', AWS_SDK_PACKAGES);
  checkProfile(options.profile);
  const sts = await import('@aws-sdk/client-sts');
  const probe = new sts.STSClient(sdkClientConfig(options));
  let defaultRegion: string | undefined;
  try {
    defaultRegion = (await probe.config.region()) || undefined;
  } catch {
    defaultRegion = undefined;
  }
  try {
    if (defaultRegion !== undefined) checkRegion(defaultRegion);
    await probe.config.credentials();
  } catch (error) {
    probe.destroy();
    if (error instanceof ClientSetupError) throw error;
    throw new ClientSetupError(`--deep needs AWS credentials, and none are usable: ${(error as Error).message}`);
  }
  probe.destroy();

  const cache = new CallCache(options.concurrency ?? 8);
  const clients = new Map<string, Destroyable>();
  const fallbackRegion = defaultRegion ?? 'us-east-1';
  function client<T extends Destroyable>(service: string, region: string, make: (config: ReturnType<typeof sdkClientConfig>) => T): T {
    const key = `${service}\u0000${region}`;
    let made = clients.get(key) as T | undefined;
    if (!made) {
      made = make(sdkClientConfig(options, region));
      clients.set(key, made);
    }
    return made;
  }
  const modules = {
    s3: lazy(() => import('@aws-sdk/client-s3')),
    iam: lazy(() => import('@aws-sdk/client-iam')),
    iot: lazy(() => import('@aws-sdk/client-iot')),
    signer: lazy(() => import('@aws-sdk/client-signer')),
    acm: lazy(() => import('@aws-sdk/client-acm')),
  };
  const s3 = async () => {
    const sdk = await modules.s3();
    // S3 redirects a call made in the wrong region; following it finds any bucket from one client.
    // A custom endpoint (moto, LocalStack, a proxy) has no bucket subdomains.
    return client(
      's3',
      fallbackRegion,
      (config) => new sdk.S3Client({ ...config, followRegionRedirects: true, forcePathStyle: options.endpointUrl !== undefined }),
    );
  };
  const iam = async (attempts?: number) => {
    const sdk = await modules.iam();
    return client(`iam${attempts ?? ''}`, fallbackRegion, (config) => new sdk.IAMClient({ ...config, ...(attempts ? { maxAttempts: attempts } : {}) }));
  };
  const iot = async (region: string) => {
    const sdk = await modules.iot();
    return { sdk, client: client('iot', region, (config) => new sdk.IoTClient(config)) };
  };
  const signer = async (region: string) => {
    const sdk = await modules.signer();
    return { sdk, client: client('signer', region, (config) => new sdk.SignerClient(config)) };
  };

  /** One read: made once per key, its failure turned into a Lookup. */
  function read<T>(permission: string, key: string, notFound: readonly string[], call: () => Promise<T>): Promise<Lookup<T>> {
    return cache.once(permission, key, async () => {
      try {
        return { status: 'found', value: await call() } as const;
      } catch (error) {
        return failedLookup(error, permission, notFound);
      }
    });
  }

  const roleName = (roleArn: string) => parseArn(roleArn)?.resource.split('/').pop() ?? roleArn;

  async function getRole(roleArn: string) {
    return read('iam:GetRole', roleArn, ['NoSuchEntity', 'NoSuchEntityException'], async () => {
      const sdk = await modules.iam();
      const output = await (await iam()).send(new sdk.GetRoleCommand({ RoleName: roleName(roleArn) }));
      return output.Role!;
    });
  }

  async function policyDocument(permission: string, key: string, fetch: () => Promise<string | undefined>): Promise<Lookup<PolicyDocument>> {
    return read(permission, key, ['NoSuchEntity', 'NoSuchEntityException'], async () => decodePolicy(await fetch()) ?? {});
  }

  async function managedPolicy(policyArn: string): Promise<Lookup<NamedPolicy>> {
    const sdk = await modules.iam();
    const client = await iam();
    const policy = await read(
      'iam:GetPolicy',
      policyArn,
      ['NoSuchEntity'],
      async () => (await client.send(new sdk.GetPolicyCommand({ PolicyArn: policyArn }))).Policy!,
    );
    if (policy.status !== 'found') return policy;
    const version = policy.value.DefaultVersionId!;
    const document = await policyDocument('iam:GetPolicyVersion', `${policyArn}\u0000${version}`, async () => {
      return (await client.send(new sdk.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: version }))).PolicyVersion?.Document;
    });
    return document.status === 'found' ? { status: 'found', value: { name: `managed policy ${policyArn}`, document: document.value } } : document;
  }

  /** The role's identity policies (inline and attached) and its permissions boundary, read. */
  function rolePolicies(roleArn: string): Promise<Lookup<{ identity: NamedPolicy[]; boundary: NamedPolicy | undefined }>> {
    return cache.memo(`policies\u0000${roleArn}`, async () => {
      const sdk = await modules.iam();
      const client = await iam();
      const name = roleName(roleArn);
      const role = await getRole(roleArn);
      if (role.status !== 'found') return role;
      const identity: NamedPolicy[] = [];
      const inline = await read('iam:ListRolePolicies', name, ['NoSuchEntity'], () =>
        paginate(
          (Marker) => client.send(new sdk.ListRolePoliciesCommand({ RoleName: name, Marker })),
          (page) => page.PolicyNames ?? [],
        ),
      );
      if (inline.status !== 'found') return inline;
      for (const policyName of inline.value) {
        const document = await policyDocument('iam:GetRolePolicy', `${name}\u0000${policyName}`, async () => {
          return (await client.send(new sdk.GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }))).PolicyDocument;
        });
        if (document.status !== 'found') return document;
        identity.push({ name: `inline policy "${policyName}"`, document: document.value });
      }
      const attached = await read('iam:ListAttachedRolePolicies', name, ['NoSuchEntity'], () =>
        paginate(
          (Marker) => client.send(new sdk.ListAttachedRolePoliciesCommand({ RoleName: name, Marker })),
          (page) => page.AttachedPolicies ?? [],
        ),
      );
      if (attached.status !== 'found') return attached;
      for (const { PolicyArn } of attached.value) {
        const policy = await managedPolicy(PolicyArn!);
        if (policy.status !== 'found') return policy;
        identity.push(policy.value);
      }
      const boundaryArn = role.value.PermissionsBoundary?.PermissionsBoundaryArn;
      let boundary: NamedPolicy | undefined;
      if (boundaryArn) {
        const policy = await managedPolicy(boundaryArn);
        if (policy.status !== 'found') return policy;
        boundary = policy.value;
      }
      return { status: 'found', value: { identity, boundary } } as const;
    });
  }

  let simulatorProblem: string | undefined;

  async function simulate(roleArn: string, resource: string, actions: readonly string[]): Promise<PermissionAnswer[] | undefined> {
    if (simulatorProblem !== undefined) return undefined;
    const answer = await cache.once('iam:SimulatePrincipalPolicy', `${roleArn}\u0000${resource}\u0000${actions.join(',')}`, async () => {
      const sdk = await modules.iam();
      try {
        // One attempt: when the simulator is not there (denied, or an endpoint without it), read the policies instead.
        const output = await (
          await iam(1)
        ).send(new sdk.SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: [...actions], ResourceArns: [resource] }));
        return (output.EvaluationResults ?? []).map((result): PermissionAnswer => ({
          action: result.EvalActionName ?? '',
          resource,
          verdict: result.EvalDecision === 'allowed' ? 'allowed' : result.EvalDecision === 'explicitDeny' ? 'denied' : 'not-allowed',
          source: 'simulator',
        }));
      } catch (error) {
        const aws = awsError(error);
        simulatorProblem ??= `${aws.code}: ${aws.message}`;
        return undefined;
      }
    });
    return answer;
  }

  const account: SdkAccount = {
    defaultRegion,
    calls: cache.counts,
    destroy() {
      for (const made of clients.values()) made.destroy();
    },

    callerAccount() {
      return read('sts:GetCallerIdentity', '', [], async () => {
        const client = new sts.STSClient(sdkClientConfig(options, fallbackRegion));
        try {
          return (await client.send(new sts.GetCallerIdentityCommand({}))).Account!;
        } finally {
          client.destroy();
        }
      });
    },

    bucket(name) {
      return read('s3:GetBucketVersioning', name, ['NoSuchBucket'], async () => {
        const sdk = await modules.s3();
        const output = await (await s3()).send(new sdk.GetBucketVersioningCommand({ Bucket: name }));
        return { versioning: output.Status === 'Enabled' ? 'Enabled' : output.Status === 'Suspended' ? 'Suspended' : 'Never' } as const;
      });
    },

    object(bucket, key, version) {
      const permission = version === undefined ? 's3:GetObject' : 's3:GetObjectVersion';
      const notFound = ['NotFound', 'NoSuchKey', 'NoSuchVersion', 'NoSuchBucket', DELETE_MARKER];
      return read(`${permission}`, `${bucket}\u0000${key}\u0000${version ?? ''}`, notFound, async () => {
        const sdk = await modules.s3();
        try {
          const output = await (
            await s3()
          ).send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key, ...(version === undefined ? {} : { VersionId: version }) }));
          return { size: output.ContentLength ?? 0, ...(output.VersionId ? { versionId: output.VersionId } : {}) };
        } catch (error) {
          // A deleted object's current version, or a version named, is a delete marker: 404 or 405.
          if ((error as { $response?: { headers?: Record<string, string> } }).$response?.headers?.['x-amz-delete-marker'] === 'true')
            throw Object.assign(new Error(version === undefined ? 'its current version is a delete marker' : `version "${version}" is a delete marker`), {
              name: DELETE_MARKER,
            });
          // S3 answers 400 to a version id it cannot parse: that version does not exist either.
          if (version !== undefined && awsError(error).httpStatus === 400)
            throw Object.assign(new Error(`version "${version}" is not a version id of this object`), { name: 'NoSuchVersion' });
          // Without s3:ListBucket, S3 answers 403 for a missing object too.
          if (awsError(error).httpStatus === 403)
            throw Object.assign(new Error('Forbidden (S3 also answers this for a missing object when s3:ListBucket is not allowed)'), {
              name: 'AccessDenied',
              $metadata: { httpStatusCode: 403 },
            });
          throw error;
        }
      });
    },

    async role(roleArn) {
      const role = await getRole(roleArn);
      if (role.status !== 'found') return role;
      return { status: 'found', value: { arn: role.value.Arn ?? roleArn, trustPolicy: decodePolicy(role.value.AssumeRolePolicyDocument) } satisfies RoleFacts };
    },

    async permissions(roleArn, questions) {
      const byResource = new Map<string, string[]>();
      for (const question of questions) byResource.set(question.resource, [...(byResource.get(question.resource) ?? []), question.action]);
      const simulated: PermissionAnswer[] = [];
      for (const [resource, actions] of byResource) {
        const answers = await simulate(roleArn, resource, actions);
        if (!answers) break;
        simulated.push(...answers);
      }
      if (simulatorProblem === undefined) return { status: 'found', value: order(questions, simulated) };

      const policies = await rolePolicies(roleArn);
      if (policies.status !== 'found') {
        if (policies.status === 'missing') return policies;
        return {
          ...policies,
          reason: `IAM's policy simulator could not be used (${simulatorProblem}), and reading the role's policies failed: ${policies.reason}`,
        };
      }
      const { identity, boundary } = policies.value;
      return {
        status: 'found',
        value: questions.map(({ action, resource }): PermissionAnswer => {
          const own = evaluatePolicies(identity, action, resource);
          const verdict = boundary ? withBoundary(own, evaluatePolicies([boundary], action, resource)) : own;
          return { action, resource, verdict: verdict.verdict, source: 'policies', ...(verdict.detail ? { detail: verdict.detail } : {}) };
        }),
      };
    },

    thing(region, name) {
      return read('iot:DescribeThing', `${region}\u0000${name}`, NOT_FOUND, async () => {
        const { sdk, client } = await iot(region);
        await client.send(new sdk.DescribeThingCommand({ thingName: name }));
        return {};
      });
    },

    thingGroup(region, name) {
      return read('iot:DescribeThingGroup', `${region}\u0000${name}`, NOT_FOUND, async () => {
        const { sdk, client } = await iot(region);
        await client.send(new sdk.DescribeThingGroupCommand({ thingGroupName: name }));
        return {};
      });
    },

    async otaUpdate(region, otaUpdateId) {
      if (region === undefined) return NO_REGION;
      return read('iot:GetOTAUpdate', `${region}\u0000${otaUpdateId}`, NOT_FOUND, async () => {
        const { sdk, client } = await iot(region);
        const output = await client.send(new sdk.GetOTAUpdateCommand({ otaUpdateId }));
        return { ...(output.otaUpdateInfo?.otaUpdateStatus ? { status: output.otaUpdateInfo.otaUpdateStatus } : {}) };
      });
    },

    async stream(region, streamId) {
      if (region === undefined) return NO_REGION;
      return read('iot:DescribeStream', `${region}\u0000${streamId}`, NOT_FOUND, async () => {
        const { sdk, client } = await iot(region);
        const output = await client.send(new sdk.DescribeStreamCommand({ streamId }));
        return { fileIds: (output.streamInfo?.files ?? []).flatMap((file) => (file.fileId === undefined ? [] : [file.fileId])) };
      });
    },

    async signingProfile(region, name) {
      if (region === undefined) return NO_REGION;
      return read('signer:GetSigningProfile', `${region}\u0000${name}`, NOT_FOUND, async () => {
        const { sdk, client } = await signer(region);
        const output = await client.send(new sdk.GetSigningProfileCommand({ profileName: name }));
        return {
          status: output.status ?? 'Active',
          ...(output.platformId ? { platformId: output.platformId } : {}),
          ...(output.signingMaterial?.certificateArn ? { certificateArn: output.signingMaterial.certificateArn } : {}),
        };
      });
    },

    async signingJob(region, jobId) {
      if (region === undefined) return NO_REGION;
      return read('signer:DescribeSigningJob', `${region}\u0000${jobId}`, NOT_FOUND, async () => {
        const { sdk, client } = await signer(region);
        const output = await client.send(new sdk.DescribeSigningJobCommand({ jobId }));
        return { status: output.status ?? 'InProgress', ...(output.statusReason ? { statusReason: output.statusReason } : {}) };
      });
    },

    certificate(certificateArn) {
      const region = parseArn(certificateArn)?.region || fallbackRegion;
      return read('acm:DescribeCertificate', certificateArn, NOT_FOUND, async () => {
        const sdk = await modules.acm();
        const made = client('acm', region, (config) => new sdk.ACMClient(config));
        const output = await made.send(new sdk.DescribeCertificateCommand({ CertificateArn: certificateArn }));
        return { status: output.Certificate?.Status ?? 'ISSUED', ...(output.Certificate?.NotAfter ? { notAfter: output.Certificate.NotAfter } : {}) };
      });
    },
  };
  return account;
}

/** A module imported on first use only. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** Every item of a Marker-paginated IAM listing. */
async function paginate<Page extends { IsTruncated?: boolean | undefined; Marker?: string | undefined }, Item>(
  fetch: (marker: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[],
): Promise<Item[]> {
  const out: Item[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await fetch(marker);
    out.push(...items(result));
    if (!result.IsTruncated || !result.Marker) break;
    marker = result.Marker;
  }
  return out;
}

/** IAM returns policy documents URL-encoded (RFC 3986); some endpoints return them as plain JSON. */
function decodePolicy(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  for (const candidate of [text, safeDecode(text)]) {
    try {
      const parsed = JSON.parse(candidate) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyDocument;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function order(questions: readonly PermissionQuestion[], answers: readonly PermissionAnswer[]): PermissionAnswer[] {
  return questions.map(
    (question) =>
      answers.find((answer) => answer.resource === question.resource && answer.action.toLowerCase() === question.action.toLowerCase()) ?? {
        ...question,
        verdict: 'undetermined',
        source: 'simulator',
        detail: 'the simulator gave no answer for it',
      },
  );
}
