/**
 * How the service names a custom signature in the job document: `sig-<hashAlgorithm>-<signatureAlgorithm>`
 * in lower case (boto/boto3#3121: "SHA-256" makes `sig-sha-256-ecdsa`). FreeRTOS OTA agents look
 * the signature up under one fixed key, so only these names find it.
 */
export const SIGNING_NAMES = {
  hashAlgorithm: ['SHA256', 'SHA1'],
  signatureAlgorithm: ['ECDSA', 'RSA'],
} as const;

/** The job-document key the signature goes under; a member that is not a string shows as `<member>`. */
export function signatureKey(hashAlgorithm: unknown, signatureAlgorithm: unknown): string {
  const part = (value: unknown, member: string) => (typeof value === 'string' ? value.toLowerCase() : `<${member}>`);
  return `sig-${part(hashAlgorithm, 'hashAlgorithm')}-${part(signatureAlgorithm, 'signatureAlgorithm')}`;
}

/** A name as devices need it: upper case, without `-`, `_` or spaces ("sha-256" is "SHA256"). */
export function withoutSeparators(value: string): string {
  return value.toUpperCase().replace(/[-_\s]/g, '');
}
