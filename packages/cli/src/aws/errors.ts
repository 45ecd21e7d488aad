/**
 * SDK and network errors as otalint reports them, for every command that calls AWS (submit,
 * lint --deep): AWS's error code, the first line of its message, the HTTP status and attempts.
 */

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number };
}

export interface AwsErrorInfo {
  /** The AWS error code (x-amzn-ErrorType), the client-side error name, or `HTTP <status>` for an answer that is not an AWS error. */
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number | undefined;
  readonly attempts?: number | undefined;
}

/** Errors that say the caller's credentials are no good: nothing else will succeed with them. */
const CREDENTIALS_REJECTED = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
]);

/** The endpoint did not answer at all (the SDK already retried): a dead endpoint, DNS, a proxy. */
const NO_ANSWER = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);

export function awsErrorInfo(error: unknown): AwsErrorInfo {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  const attempts = shape.$metadata?.attempts;
  const extra = { ...(status !== undefined ? { httpStatus: status } : {}), ...(attempts !== undefined ? { attempts } : {}) };
  // An answer the SDK could not parse (an HTML or XML error page from a proxy or a load balancer): its status says what happened.
  if (shape.name === 'SyntaxError' && status !== undefined) {
    if (status >= 200 && status < 300) return { code: `HTTP ${status}`, message: 'the body is not the answer AWS sends', ...extra };
    const message = 'the body is not an AWS error';
    return status === 403 ? { code: 'Forbidden', message: `HTTP 403, ${message}`, ...extra } : { code: `HTTP ${status}`, message, ...extra };
  }
  const generic = !shape.name || shape.name === 'Error';
  const code = generic ? (shape.code ?? 'Error') : shape.name!;
  // Errors without a body (HEAD requests) carry only their status; say so rather than "UnknownError".
  // The SDK appends advice for answers it could not parse on later lines: the first says what happened.
  const first = (shape.message ?? '').trim().split('\n')[0]!.trim();
  const message = first && first !== 'UnknownError' ? first : status !== undefined ? `HTTP ${status}` : String(error);
  return { code, message, ...extra };
}

/** A 2xx whose body could not be read: AWS may well have done the work. */
export function isUnreadableSuccess(info: AwsErrorInfo): boolean {
  return info.httpStatus !== undefined && info.httpStatus >= 200 && info.httpStatus < 300;
}

export function isCredentialsRejected(info: AwsErrorInfo): boolean {
  return CREDENTIALS_REJECTED.has(info.code);
}

export function isNoAnswer(info: AwsErrorInfo): boolean {
  return info.httpStatus === undefined && NO_ANSWER.has(info.code);
}
