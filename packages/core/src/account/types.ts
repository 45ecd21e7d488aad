/**
 * What deep checks (`otalint lint --deep`) may ask about the AWS account a request names. Rules
 * see only this interface; the CLI implements it with the AWS SDK (read-only calls, cached and
 * run with a concurrency limit), and tests with moto_server or an in-memory account.
 */

/** An error as AWS (or the network) gave it, for messages. */
export interface AwsError {
  /** AWS's error code (`NoSuchBucket`, `AccessDenied`), or a Node error code (`ECONNREFUSED`). */
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number;
}

export interface Found<T> {
  readonly status: 'found';
  readonly value: T;
}

/** AWS answered that the resource does not exist. */
export interface Missing {
  readonly status: 'missing';
  readonly error: AwsError;
}

/**
 * The question could not be answered: access denied, throttling, no network, no region, a
 * resource in another account. Deep rules turn this into an `info` finding, never an error.
 */
export interface Unavailable {
  readonly status: 'unavailable';
  /** Why, as a clause that names the missing permission when one is missing. */
  readonly reason: string;
  readonly error?: AwsError;
}

export type Lookup<T> = Found<T> | Missing | Unavailable;

/**
 * The `code` of a missing object whose current version (no version named), or whose version
 * named, is an S3 delete marker: the object was deleted, so there is no file to send.
 */
export const DELETE_MARKER = 'DeleteMarker';

export interface BucketFacts {
  /** `GetBucketVersioning`'s status; `Never` when versioning was never turned on. */
  readonly versioning: 'Enabled' | 'Suspended' | 'Never';
}

export interface ObjectFacts {
  /** Bytes. */
  readonly size: number;
  readonly versionId?: string;
}

/** An IAM policy document as JSON (trust, inline or managed). */
export type PolicyDocument = Readonly<Record<string, unknown>>;

export interface RoleFacts {
  readonly arn: string;
  /** The trust policy (who may assume the role), decoded. */
  readonly trustPolicy: PolicyDocument | undefined;
}

/**
 * Whether a role's policies allow one action on one resource:
 * `allowed`; `denied` by an explicit Deny; `not-allowed` (no statement allows it); or
 * `undetermined` (a statement with a condition decides it, or a policy could not be read).
 */
export type PermissionVerdict = 'allowed' | 'denied' | 'not-allowed' | 'undetermined';

export interface PermissionQuestion {
  readonly action: string;
  readonly resource: string;
}

export interface PermissionAnswer extends PermissionQuestion {
  readonly verdict: PermissionVerdict;
  /** How the answer was found: IAM's policy simulator, or otalint reading the role's policies. */
  readonly source: 'simulator' | 'policies';
  /** What decided it (a statement's Sid or policy name, a condition left unevaluated), if known. */
  readonly detail?: string;
}

export interface StreamFacts {
  readonly fileIds: readonly number[];
}

export interface SigningProfileFacts {
  /** `Active`, `Canceled` or `Revoked`. */
  readonly status: string;
  readonly platformId?: string;
  readonly certificateArn?: string;
}

export interface SigningJobFacts {
  /** `InProgress`, `Failed` or `Succeeded`. */
  readonly status: string;
  readonly statusReason?: string;
}

export interface CertificateFacts {
  /** ACM's status: `ISSUED`, `EXPIRED`, `REVOKED`, `PENDING_VALIDATION`... */
  readonly status: string;
  readonly notAfter?: Date;
}

export interface OtaUpdateFacts {
  readonly status?: string;
}

/**
 * Read-only questions about an account. Every answer is a `Lookup`: found, missing (AWS said it
 * does not exist), or unavailable (otalint could not ask). None of them ever throws for an AWS
 * or network failure. Regions are explicit; `undefined` means none is known, which makes the
 * lookup unavailable.
 */
export interface AwsAccount {
  /** The account id the credentials belong to. */
  callerAccount(): Promise<Lookup<string>>;
  bucket(name: string): Promise<Lookup<BucketFacts>>;
  object(bucket: string, key: string, version: string | undefined): Promise<Lookup<ObjectFacts>>;
  role(roleArn: string): Promise<Lookup<RoleFacts>>;
  /** One answer per question, in order. */
  permissions(roleArn: string, questions: readonly PermissionQuestion[]): Promise<Lookup<readonly PermissionAnswer[]>>;
  thing(region: string, name: string): Promise<Lookup<Record<string, never>>>;
  thingGroup(region: string, name: string): Promise<Lookup<Record<string, never>>>;
  otaUpdate(region: string | undefined, otaUpdateId: string): Promise<Lookup<OtaUpdateFacts>>;
  stream(region: string | undefined, streamId: string): Promise<Lookup<StreamFacts>>;
  signingProfile(region: string | undefined, name: string): Promise<Lookup<SigningProfileFacts>>;
  signingJob(region: string | undefined, jobId: string): Promise<Lookup<SigningJobFacts>>;
  certificate(certificateArn: string): Promise<Lookup<CertificateFacts>>;
}
