import { ClientSetupError } from './client-options.js';

/**
 * The AWS SDK clients `submit` and `lint --deep` use. They are optional peer dependencies of
 * @otalint/cli, so `npm i -D @otalint/cli` leaves them out (they are most of a full install);
 * users of those commands install them beside otalint.
 */
export const AWS_SDK_PACKAGES = [
  '@aws-sdk/client-acm',
  '@aws-sdk/client-iam',
  '@aws-sdk/client-iot',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-signer',
  '@aws-sdk/client-sts',
] as const;

export type AwsSdkPackage = (typeof AWS_SDK_PACKAGES)[number];

/**
 * Fails the run up front, with the command that fixes it, when `needed` SDK clients cannot be
 * resolved from otalint's install. Resolving loads nothing, so the SDK still loads lazily.
 */
export function requireAwsSdk(command: string, needed: readonly AwsSdkPackage[]): void {
  const missing = needed.filter((name) => !resolvable(name));
  if (missing.length === 0) return;
  throw new ClientSetupError(
    `${command} needs the AWS SDK for JavaScript v3, which @otalint/cli does not install by itself (missing: ${missing.join(', ')}). ` +
      `Install it next to otalint: npm i -D ${AWS_SDK_PACKAGES.map((name) => `${name}@3`).join(' ')}`,
  );
}

function resolvable(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}
