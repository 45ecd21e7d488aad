import { createHash } from 'node:crypto';
import { isObject } from '@otalint/core';

/**
 * The request's one blob member, `files[].codeSigning.customCodeSigning.signature.inlineDocument`:
 * base64 text in the file (as AWS CLI v2 reads it), raw bytes for the SDK, which base64-encodes
 * blobs itself. Given the text, the SDK would encode it a second time (what CLI v1 does).
 */

type Json = Record<string, unknown>;

function signatureOf(file: unknown): Json | undefined {
  if (!isObject(file)) return undefined;
  const codeSigning = file.codeSigning;
  if (!isObject(codeSigning) || !isObject(codeSigning.customCodeSigning)) return undefined;
  const signature = codeSigning.customCodeSigning.signature;
  return isObject(signature) ? signature : undefined;
}

/** Rebuild the request with each signature object replaced by `replace(signature)`. */
function mapSignatures(request: Json, replace: (signature: Json) => Json): Json {
  if (!Array.isArray(request.files)) return request;
  return {
    ...request,
    files: request.files.map((file: unknown) => {
      const signature = signatureOf(file);
      if (!signature) return file;
      const { codeSigning } = file as Json & { codeSigning: Json & { customCodeSigning: Json } };
      return {
        ...(file as Json),
        codeSigning: { ...codeSigning, customCodeSigning: { ...codeSigning.customCodeSigning, signature: replace(signature) } },
      };
    }),
  };
}

/** The SDK's input: the file's request with signature blobs decoded to bytes. */
export function toSdkInput(request: Json): Json {
  return mapSignatures(request, (signature) =>
    typeof signature.inlineDocument === 'string' ? { ...signature, inlineDocument: Buffer.from(signature.inlineDocument, 'base64') } : signature,
  );
}

/** A stand-in that identifies signature bytes without showing them. */
export function describeBlob(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return `<redacted: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}>`;
}

/**
 * Any value fit to print: each `signature: { inlineDocument }` inside it (a request, a wire body,
 * a GetOTAUpdate answer, a slice of one) shows its size and digest instead of its bytes.
 */
export function redactSignatures<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSignatures) as T;
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === 'signature' && isObject(inner) && typeof inner.inlineDocument === 'string'
        ? [key, { ...inner, inlineDocument: describeBlob(inner.inlineDocument) }]
        : [key, redactSignatures(inner)],
    ),
  ) as T;
}

/** A difference fit to print: at a signature's own path, both values are stand-ins. */
export function redactDifference<T extends { path: string; local: unknown; remote: unknown }>(difference: T): T {
  if (difference.path.endsWith('/signature/inlineDocument')) {
    const hide = (value: unknown) => (typeof value === 'string' ? describeBlob(value) : value);
    return { ...difference, local: hide(difference.local), remote: hide(difference.remote) };
  }
  return { ...difference, local: redactSignatures(difference.local), remote: redactSignatures(difference.remote) };
}

/** Every signature in the request, base64 as in the file: the strings that must never be printed. */
export function signatureStrings(request: Json): string[] {
  if (!Array.isArray(request.files)) return [];
  return request.files.flatMap((file: unknown) => {
    const value = signatureOf(file)?.inlineDocument;
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}
