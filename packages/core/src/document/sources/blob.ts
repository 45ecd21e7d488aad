import type { JsonPath } from '../../diagnostic.js';

/** The model's one blob member: `files[n].codeSigning.customCodeSigning.signature.inlineDocument`. */
export function isBlobPath(path: JsonPath): boolean {
  return (
    path.length === 6 &&
    path[0] === 'files' &&
    typeof path[1] === 'number' &&
    path[2] === 'codeSigning' &&
    path[3] === 'customCodeSigning' &&
    path[4] === 'signature' &&
    path[5] === 'inlineDocument'
  );
}

/** What an SDK sends for a blob given as text: the base64 of the text's UTF-8 bytes. */
export function textAsWireBlob(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * What an SDK sends for the bytes of `Buffer.from(text, 'base64')` or `base64.b64decode(text)`:
 * both skip characters outside the alphabet, and the SDK encodes the bytes again, canonically
 * (`MEUCIQDx3m==` goes out as `MEUCIQDx3g==`). Python's decoder raises on bad padding, so then
 * the call sends nothing: the text stays as written, for signature-encoding to report.
 */
export function base64AsSent(text: string, strictPadding: boolean): string {
  const compact = text.replace(/[^A-Za-z0-9+/]/g, '');
  const padded = text.replace(/[^A-Za-z0-9+/=]/g, '');
  if (strictPadding && padded.length % 4 !== 0) return text;
  return Buffer.from(compact, 'base64').toString('base64');
}
