import {
  childObject,
  fileEntries,
  isAbsent,
  isObject,
  isPresent,
  isString,
  type AwsAccount,
  type AwsError,
  type JsonPath,
  type Located,
  type Unavailable,
} from '@otalint/core';

/** A string member of a located object, located; undefined when absent, unknown or not a string. */
export function stringAt(parent: Located<Record<string, unknown>> | undefined, key: string): Located<string> | undefined {
  const value = parent?.value[key];
  return parent && isString(value) && value !== '' ? { value, path: [...parent.path, key] } : undefined;
}

/** S3 bucket names as S3 allows them: lookups skip anything else (the model rules report it). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface S3Source {
  readonly bucket: Located<string>;
  readonly key: Located<string> | undefined;
  readonly version: Located<string> | undefined;
  /** Whether `version` is known only at run time (a variable, a spread may add it): which object is meant is then not known. */
  readonly versionUnknown: boolean;
  /** The location's own path (`files/0/fileLocation/s3Location`). */
  readonly path: JsonPath;
}

/** Every file's `fileLocation.s3Location` whose bucket is a known, well-formed name. */
export function s3Sources(request: unknown): S3Source[] {
  return fileEntries(request).flatMap((file) => {
    const location = childObject(file, 'fileLocation');
    const s3 = location && childObject(location, 's3Location');
    const bucket = stringAt(s3, 'bucket');
    if (!s3 || !bucket || !BUCKET_NAME.test(bucket.value)) return [];
    const version = stringAt(s3, 'version');
    const versionUnknown = !isAbsent(s3.value, 'version') && !isPresent(s3.value, 'version');
    return [{ bucket, key: stringAt(s3, 'key'), version, versionUnknown, path: s3.path }];
  });
}

/** `startSigningJobParameter.destination.s3Destination.bucket` of every file that has one. */
export function signingDestinations(request: unknown): Array<Located<string>> {
  return fileEntries(request).flatMap((file) => {
    const signing = childObject(file, 'codeSigning');
    const start = signing && childObject(signing, 'startSigningJobParameter');
    const destination = start && childObject(start, 'destination');
    const s3 = destination && childObject(destination, 's3Destination');
    const bucket = stringAt(s3, 'bucket');
    return bucket && BUCKET_NAME.test(bucket.value) ? [bucket] : [];
  });
}

/** How messages quote an AWS error. */
export function quote(error: AwsError): string {
  return `${error.code}: ${error.message}`;
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?[\w+=,.@-]{1,64}$/;

export interface RoleArn extends Located<string> {
  readonly partition: string;
  readonly account: string;
}

/** The request's `roleArn` when it is a well-formed IAM role ARN (role-arn-format reports others). */
export function roleArnOf(request: unknown): RoleArn | undefined {
  if (!isObject(request) || !isString(request.roleArn)) return undefined;
  const match = ROLE_ARN.exec(request.roleArn);
  return match ? { value: request.roleArn, path: ['roleArn'], partition: match[1]!, account: match[2]! } : undefined;
}

/**
 * Why a resource in `account` cannot be looked up with these credentials, as an Unavailable; or
 * undefined when it is the credentials' own account (or that is not known).
 */
export async function otherAccount(account: AwsAccount, owner: string, what: string): Promise<Unavailable | undefined> {
  const caller = await account.callerAccount();
  if (caller.status !== 'found' || caller.value === owner) return undefined;
  return {
    status: 'unavailable',
    reason: `${what} is in account ${owner}, and the credentials are for account ${caller.value}; run --deep with credentials of that account`,
  };
}

const PROFILE_NAME = /^[a-zA-Z0-9_]{2,64}$/;

export interface SigningJobStart {
  /** `startSigningJobParameter`, located. */
  readonly start: Located<Record<string, unknown>>;
  readonly profileName: Located<string>;
  /** `signingProfileParameter`, when the request describes the profile (to create it). */
  readonly parameter: Located<Record<string, unknown>> | undefined;
  /** Whether the request certainly gives no `signingProfileParameter` (not when a spread or a variable may). */
  readonly createsNoProfile: boolean;
}

/** Every `startSigningJobParameter` with a well-formed `signingProfileName`. */
export function signingJobStarts(request: unknown): SigningJobStart[] {
  return fileEntries(request).flatMap((file) => {
    const signing = childObject(file, 'codeSigning');
    const start = signing && childObject(signing, 'startSigningJobParameter');
    const profileName = stringAt(start, 'signingProfileName');
    if (!start || !profileName || !PROFILE_NAME.test(profileName.value)) return [];
    return [
      { start, profileName, parameter: childObject(start, 'signingProfileParameter'), createsNoProfile: isAbsent(start.value, 'signingProfileParameter') },
    ];
  });
}
