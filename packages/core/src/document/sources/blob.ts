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
