import type { AwsFailure } from './types.js';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number };
}

/** An SDK or network error as the report shows it: AWS's error code, its message, status, attempts. */
export function toAwsFailure(error: unknown): AwsFailure {
  const shape = (error ?? {}) as SdkErrorShape;
  const generic = !shape.name || shape.name === 'Error';
  const code = generic ? (shape.code ?? 'Error') : shape.name!;
  const httpStatus = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  return {
    code,
    message: (shape.message ?? String(error)).trim() || code,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(shape.$metadata?.attempts !== undefined ? { attempts: shape.$metadata.attempts } : {}),
  };
}

export function isAlreadyExists(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.name === 'ResourceAlreadyExistsException';
}
