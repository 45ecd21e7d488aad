import type { AwsError, Missing, Unavailable } from '@otalint/core';
import { awsErrorInfo, isNoAnswer } from '../aws/errors.js';

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden', 'UnauthorizedOperation', 'UnauthorizedException', 'NotAuthorized']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);

/** An SDK or network error, as messages quote it. */
export function awsError(error: unknown): AwsError {
  const { code, message, httpStatus } = awsErrorInfo(error);
  return { code, message, ...(httpStatus !== undefined ? { httpStatus } : {}) };
}

/**
 * What a failed read means: `missing` when AWS said the resource does not exist (its error code
 * is one of `notFound`), else `unavailable` with a reason that names what to do.
 */
export function failedLookup(error: unknown, permission: string, notFound: readonly string[]): Missing | Unavailable {
  const aws = awsError(error);
  if (notFound.includes(aws.code)) return { status: 'missing', error: aws };
  return unavailableFrom(aws, permission, awsErrorInfo(error).attempts);
}

export function unavailableFrom(aws: AwsError, permission: string, attempts?: number): Unavailable {
  const quoted = `${aws.code}: ${aws.message}`;
  if (DENIED.has(aws.code) || aws.httpStatus === 403) return { status: 'unavailable', error: aws, reason: `${quoted}; the credentials need ${permission}` };
  if (THROTTLED.has(aws.code)) {
    return { status: 'unavailable', error: aws, reason: `AWS throttled the call (${quoted})${attempts ? ` after ${attempts} attempts` : ''}; run again later` };
  }
  if (isNoAnswer(aws)) return { status: 'unavailable', error: aws, reason: `AWS could not be reached (${quoted})` };
  return { status: 'unavailable', error: aws, reason: `the call failed (${quoted}); it needs ${permission}` };
}
