import type { AwsError, Missing, Unavailable } from '@otalint/core';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden', 'UnauthorizedOperation', 'UnauthorizedException', 'NotAuthorized']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError', 'RequestTimeout']);

/** An SDK or network error, as messages quote it. */
export function awsError(error: unknown): AwsError {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  // An answer the SDK could not parse (an HTML or XML error page from a proxy or emulator): its status says what happened.
  if (shape.name === 'SyntaxError' && status !== undefined) {
    const message = 'the body is not an AWS error';
    return status === 403
      ? { code: 'Forbidden', message: `HTTP 403, ${message}`, httpStatus: status }
      : { code: `HTTP ${status}`, message, httpStatus: status };
  }
  const generic = !shape.name || shape.name === 'Error';
  const code = generic ? (shape.code ?? 'Error') : shape.name!;
  // Errors without a body (HEAD requests) carry only their status; say so rather than "UnknownError".
  // The SDK appends advice for answers it could not parse on later lines: the first says what happened.
  const first = (shape.message ?? '').trim().split('\n')[0]!.trim();
  const message = first && first !== 'UnknownError' ? first : status !== undefined ? `HTTP ${status}` : String(error);
  return { code, message, ...(status !== undefined ? { httpStatus: status } : {}) };
}

/**
 * What a failed read means: `missing` when AWS said the resource does not exist (its error code
 * is one of `notFound`), else `unavailable` with a reason that names what to do.
 */
export function failedLookup(error: unknown, permission: string, notFound: readonly string[]): Missing | Unavailable {
  const aws = awsError(error);
  if (notFound.includes(aws.code)) return { status: 'missing', error: aws };
  return unavailableFrom(aws, permission, (error as SdkErrorShape | undefined)?.$metadata?.attempts);
}

export function unavailableFrom(aws: AwsError, permission: string, attempts?: number): Unavailable {
  const quoted = `${aws.code}: ${aws.message}`;
  if (DENIED.has(aws.code) || aws.httpStatus === 403) return { status: 'unavailable', error: aws, reason: `${quoted}; the credentials need ${permission}` };
  if (THROTTLED.has(aws.code)) {
    return { status: 'unavailable', error: aws, reason: `AWS throttled the call (${quoted})${attempts ? ` after ${attempts} attempts` : ''}; run again later` };
  }
  if (NETWORK.has(aws.code)) return { status: 'unavailable', error: aws, reason: `AWS could not be reached (${quoted})` };
  return { status: 'unavailable', error: aws, reason: `the call failed (${quoted}); it needs ${permission}` };
}
