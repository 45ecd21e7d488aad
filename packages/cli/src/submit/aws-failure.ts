import { awsErrorInfo } from '../aws/errors.js';
import type { AwsFailure } from './types.js';

/** An SDK or network error as the report shows it: AWS's error code, its message, status, attempts. */
export function toAwsFailure(error: unknown): AwsFailure {
  return awsErrorInfo(error);
}

export function isAlreadyExists(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'ResourceAlreadyExistsException';
}
