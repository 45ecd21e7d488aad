import type { X509Certificate } from 'node:crypto';
import { nodeCrypto } from './node-crypto.js';
import { fileEntries } from './request-lists.js';
import { childObject, isAbsent, sharedList, sharedPerRequest, type LocatedObject } from './select.js';

/** The three ways to sign a file, as `codeSigning` members. */
export const SIGNING_METHODS = ['awsSignerJobId', 'startSigningJobParameter', 'customCodeSigning'] as const;
export type SigningMethod = (typeof SIGNING_METHODS)[number];

/** Whether a file's `codeSigning` names a signing method, or may (it is unknown, or has a spread). */
export function mayUseSigningMethod(file: LocatedObject, method: SigningMethod): boolean {
  return !isAbsent(file.value, CODE_SIGNING_PATHS[method]);
}

/** `codeSigning.<method>`, written once rather than on every call. */
const CODE_SIGNING_PATHS: Readonly<Record<SigningMethod, string>> = {
  awsSignerJobId: 'codeSigning.awsSignerJobId',
  startSigningJobParameter: 'codeSigning.startSigningJobParameter',
  customCodeSigning: 'codeSigning.customCodeSigning',
};

/** A file and one part of its `codeSigning`, for rules about that part. */
export interface FileSigningPart {
  readonly file: LocatedObject;
  readonly part: LocatedObject;
}

/**
 * Every `files[].codeSigning.<method>` that is an object (`startSigningJobParameter` or
 * `customCodeSigning`), except an empty one beside another method: that is a leftover from
 * `get-ota-update` output, not a method in use, and single-signing-method reports it once.
 */
export function signingParts(request: unknown, method: Exclude<SigningMethod, 'awsSignerJobId'>): readonly FileSigningPart[] {
  // A dozen rules ask for the same parts of one request: made once per request (see withSharedSelections).
  const { key, find } = PARTS_OF[method];
  return sharedPerRequest(request, key, find);
}

/** Per method, the name its parts are shared under and how they are found (made once, not per call). */
const PARTS_OF = {
  customCodeSigning: {
    key: 'signingParts customCodeSigning',
    find: (request: unknown) => sharedList(findSigningParts(request, 'customCodeSigning')),
  },
  startSigningJobParameter: {
    key: 'signingParts startSigningJobParameter',
    find: (request: unknown) => sharedList(findSigningParts(request, 'startSigningJobParameter')),
  },
} as const;

function findSigningParts(request: unknown, method: Exclude<SigningMethod, 'awsSignerJobId'>): FileSigningPart[] {
  const found: FileSigningPart[] = [];
  for (const file of fileEntries(request)) {
    const codeSigning = childObject(file, 'codeSigning');
    const part = codeSigning && childObject(codeSigning, method);
    if (!codeSigning || !part) continue;
    // An empty part beside a method that is, or may be, there (unknown, or from a spread).
    const leftover = hasNoMembers(part.value) && SIGNING_METHODS.some((other) => other !== method && !isAbsent(codeSigning.value, other));
    if (!leftover) found.push({ file, part });
  }
  return found;
}

/** `Object.keys(object).length === 0`, without making the list of keys (every signing part of every request is asked). */
function hasNoMembers(object: object): boolean {
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) return false;
  return true;
}

export type Base64Problem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'pem'; readonly label: string }
  | { readonly kind: 'character'; readonly character: string; readonly index: number }
  | { readonly kind: 'padding'; readonly length: number };

export type Base64Result = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly problem: Base64Problem };

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** The label of the first PEM block in a text (`CERTIFICATE`, `PRIVATE KEY`...), if any. */
export function pemLabel(text: string): string | undefined {
  return PEM_BEGIN.exec(text)?.[1];
}

/**
 * Decode standard base64 (RFC 4648 section 4) strictly. Line breaks and spaces are allowed, as
 * `openssl base64` writes them and both the AWS CLI v2 and the SDK skip them; anything else outside
 * the alphabet is a problem, because the CLI v2 silently drops such characters and sends the rest.
 */
export function decodeBase64Strictly(text: string): Base64Result {
  const label = pemLabel(text);
  if (label !== undefined) return { ok: false, problem: { kind: 'pem', label } };
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0) return { ok: false, problem: { kind: 'empty' } };
  const body = compact.replace(/={1,2}$/, '');
  const bad = /[^A-Za-z0-9+/]/.exec(body);
  if (bad) return { ok: false, problem: { kind: 'character', character: bad[0], index: text.indexOf(bad[0]) } };
  if (compact.length % 4 !== 0 || body.length % 4 === 1) return { ok: false, problem: { kind: 'padding', length: compact.length } };
  return { ok: true, bytes: Buffer.from(compact, 'base64') };
}

/** True when bytes are themselves printable base64 text: a value encoded twice. */
export function looksBase64Encoded(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const text = Buffer.from(bytes).toString('latin1');
  return /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/.test(text) && decodeBase64Strictly(text).ok;
}

/** The parts of a DER `ECDSA-Sig-Value` (SEQUENCE { r INTEGER, s INTEGER }), or undefined when the bytes are not one. */
export function parseDerEcdsaSignature(bytes: Uint8Array): { readonly rLength: number; readonly sLength: number } | undefined {
  let at = 0;
  const readLength = (): number | undefined => {
    const first = bytes[at++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first !== 0x81) return undefined; // a signature never needs more than one length byte
    const next = bytes[at++];
    return next !== undefined && next >= 0x80 ? next : undefined;
  };
  const readInteger = (): number | undefined => {
    if (bytes[at++] !== 0x02) return undefined;
    const length = readLength();
    if (length === undefined || length === 0 || at + length > bytes.length) return undefined;
    at += length;
    return length;
  };
  if (bytes[at++] !== 0x30) return undefined;
  const sequenceLength = readLength();
  if (sequenceLength === undefined || at + sequenceLength !== bytes.length) return undefined;
  const rLength = readInteger();
  const sLength = readInteger();
  if (rLength === undefined || sLength === undefined || at !== bytes.length) return undefined;
  return { rLength, sLength };
}

export type CertificateChainResult = { readonly ok: true; readonly certificates: readonly X509Certificate[] } | { readonly ok: false; readonly reason: string };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Read the certificates in a certificate chain given inline: PEM text, base64 of PEM text (the
 * model calls the member "a base64 encoded binary representation"), or base64 of one DER
 * certificate. Never throws; `reason` says what is wrong, for a user message.
 */
export function readCertificateChain(text: string): CertificateChainResult {
  const cached = chainCache.get(text);
  if (cached) return cached;
  const result = readCertificateChainUncached(text);
  if (chainCache.size >= CHAIN_CACHE_SIZE) chainCache.delete(chainCache.keys().next().value!);
  chainCache.set(text, result);
  return result;
}

/**
 * Parsing one certificate costs about half a millisecond with OpenSSL 3 (bench/signing-rules.mjs),
 * and a batch of requests usually carries the same few certificates: remember recent results.
 */
const CHAIN_CACHE_SIZE = 64;
const chainCache = new Map<string, CertificateChainResult>();

function readCertificateChainUncached(text: string): CertificateChainResult {
  if (text.trim() === '') return { ok: false, reason: 'it is empty' };
  if (pemLabel(text) !== undefined) return readPemCertificates(text);
  const decoded = decodeBase64Strictly(text);
  if (!decoded.ok) return { ok: false, reason: 'it is neither PEM text nor base64' };
  const decodedText = decoded.bytes.toString('latin1');
  if (pemLabel(decodedText) !== undefined) return readPemCertificates(decodedText);
  return parseCertificates([decoded.bytes]);
}

function readPemCertificates(text: string): CertificateChainResult {
  const label = pemLabel(text);
  if (label !== 'CERTIFICATE') return { ok: false, reason: `it holds a PEM "${label}" block, not a CERTIFICATE` };
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return { ok: false, reason: 'its PEM block has no "-----END CERTIFICATE-----" line' };
  return parseCertificates(blocks);
}

function parseCertificates(inputs: ReadonlyArray<string | Buffer>): CertificateChainResult {
  const certificates: X509Certificate[] = [];
  for (const [index, input] of inputs.entries()) {
    const which = inputs.length > 1 ? `certificate ${index + 1} of ${inputs.length}` : 'the certificate';
    let certificate: X509Certificate;
    try {
      certificate = new (nodeCrypto().X509Certificate)(input);
    } catch {
      // OpenSSL's own error text ("asn1 encoding routines::wrong tag") helps no user: say what failed.
      return { ok: false, reason: `${which} does not parse as X.509 (its bytes are not a DER-encoded certificate)` };
    }
    // A certificate can parse while its key does not (one changed character inside the key bits):
    // OpenSSL then throws "decode error" on first use. Read everything the rules use now, once.
    try {
      void certificate.publicKey.asymmetricKeyType;
    } catch {
      return { ok: false, reason: `the public key in ${which} does not parse (a character of the PEM text changed?)` };
    }
    const { notBefore, notAfter } = certificateValidity(certificate);
    if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return { ok: false, reason: `the validity dates of ${which} do not parse` };
    certificates.push(certificate);
  }
  return { ok: true, certificates };
}

/** The signature algorithm family a certificate's public key is for: `ECDSA`, `RSA`, or the key type as Node names it. */
export function certificateKeyAlgorithm(certificate: X509Certificate): string {
  const type = certificate.publicKey.asymmetricKeyType;
  if (type === 'ec') return 'ECDSA';
  if (type === 'rsa' || type === 'rsa-pss') return 'RSA';
  return type ?? 'unknown';
}

/** A certificate's validity period as dates (Node 20's X509Certificate has only strings). */
export function certificateValidity(certificate: X509Certificate): { readonly notBefore: Date; readonly notAfter: Date } {
  return { notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
}

/** A short name for a certificate in messages: its subject's CN, else the whole subject. */
export function certificateLabel(certificate: X509Certificate): string {
  const subject = certificate.subject.split('\n');
  const commonName = subject.find((part) => part.startsWith('CN='));
  return commonName ? commonName.slice(3) : subject.join(', ');
}
