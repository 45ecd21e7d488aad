import { childObject, fileEntries, isFiniteNumber, isObject, isString, type LocatedObject } from '@otalint/core';
import { signatureKey } from './signing-names.js';

/** What goes into the job document, by part, in bytes. */
export interface JobDocumentEstimate {
  readonly total: number;
  readonly attributes: number;
  readonly certificateChains: number;
  readonly signatures: number;
  readonly downloadUrls: number;
  readonly other: number;
}

/**
 * A lower bound on a pre-signed S3 URL: about 300 bytes of bucket, key, credential scope, date,
 * expiry and signature, plus the session token of the role's temporary credentials (700 bytes and
 * more). FreeRTOS agents take up to 1,500 (`OTA_REQUEST_URL_MAX_SIZE`).
 */
const PRESIGNED_URL_BYTES = 1000;
/** A Signer-made signature, base64: DER ECDSA P-256 (72 bytes), or RSA-2048 for the TI platform. */
const SIGNER_SIGNATURE_CHARS = { ecdsa: 96, rsa: 344 } as const;
/** `AFR_OTA-` and a UUID: the stream the service creates for MQTT delivery. */
const STREAM_NAME = `AFR_OTA-${'0'.repeat(36)}`;
/** The largest file size the service writes (16 MB has 8 digits). */
const FILE_SIZE = 16 * 1024 * 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** Printable ASCII without `"` and `\\`: JSON writes it as it is, one byte a character. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** The bytes of a string written as JSON, quotes included; most strings here are plain ASCII, counted without writing them. */
const quoted = (value: string) => (PLAIN_ASCII.test(value) ? value.length + 2 : bytes(JSON.stringify(value)));

/** The document's frame, protocols left out: `{"afr_ota":{"protocols":[],"streamname":...,"files":[]}}`. */
const FRAME_BYTES = bytes(JSON.stringify({ afr_ota: { protocols: [], streamname: STREAM_NAME, files: [] } }));
/**
 * One file's members with an empty `filepath` and `certfile` and no digits in `fileid` and
 * `fileType`; each file adds those. The document itself is never built: counting costs less.
 */
const FILE_BYTES = bytes(JSON.stringify({ filepath: '', filesize: FILE_SIZE, fileid: 0, certfile: '', fileType: 0 })) - quoted('') * 2 - 2;
const DOWNLOAD_URL_BYTES = bytes(',"update_data_url":,"auth_scheme":"aws.s3.presigned"') + PRESIGNED_URL_BYTES;
/** A number as JSON writes it (always ASCII). */
const numberBytes = (value: number) => String(value).length;

/**
 * Estimate the size of the job document the service builds for an OTA update, the `afr_ota`
 * document FreeRTOS agents parse: protocols, stream name, and for each file its path, size, id,
 * certificate name, type, download URL, signature, attributes and inline certificate chain.
 * Values that are not known (not strings, or unknown until run time) count for nothing, so the
 * estimate is a lower bound.
 */
export function estimateJobDocument(request: unknown): JobDocumentEstimate {
  const record = isObject(request) ? request : {};
  let protocols = 0;
  let protocolBytes = 0;
  let http = false;
  if (Array.isArray(record.protocols)) {
    for (const protocol of record.protocols as unknown[]) {
      if (!isString(protocol)) continue;
      protocols++;
      protocolBytes += quoted(protocol);
      http ||= protocol.toUpperCase() === 'HTTP';
    }
  }
  let attributes = 0;
  let certificateChains = 0;
  let signatures = 0;
  let downloadUrls = 0;
  // Without protocols the service writes ["MQTT"]; protocols are separated by commas.
  let other = FRAME_BYTES + (protocols > 0 ? protocolBytes + protocols - 1 : quoted('MQTT'));

  const files = fileEntries(record);
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!.value;
    if (index > 0) other += 1; // the comma between files
    const signing = fileSigning(files[index]!);
    other +=
      FILE_BYTES +
      (isString(file.fileName) ? quoted(file.fileName) : 2) +
      numberBytes(isFiniteNumber(file.fileId) ? file.fileId : index) +
      quoted(signing.certificateName) +
      numberBytes(isFiniteNumber(file.fileType) ? file.fileType : 0);
    if (http) downloadUrls += DOWNLOAD_URL_BYTES;
    if (signing.key !== undefined) signatures += quoted(signing.key) + 1 + signing.signatureChars + 2;
    if (isObject(file.attributes)) {
      const known = Object.entries(file.attributes).filter((entry): entry is [string, string] => isString(entry[1]));
      attributes += quoted('attr') + 1 + bytes(JSON.stringify(Object.fromEntries(known))) + 1;
    }
    if (signing.certificateChain !== undefined) certificateChains += quoted('certchain') + 1 + quoted(signing.certificateChain) + 1;
  }
  const total = attributes + certificateChains + signatures + downloadUrls + other;
  return { total, attributes, certificateChains, signatures, downloadUrls, other };
}

interface FileSigning {
  /** The job-document key of the signature; undefined for an unsigned file. */
  readonly key?: string;
  readonly signatureChars: number;
  readonly certificateName: string;
  readonly certificateChain?: string;
}

function fileSigning(file: LocatedObject): FileSigning {
  const custom = childObject(file, 'codeSigning.customCodeSigning');
  if (custom) {
    const chain = childObject(custom, 'certificateChain');
    const signature = childObject(custom, 'signature')?.value.inlineDocument;
    return {
      key: signatureKey(custom.value.hashAlgorithm, custom.value.signatureAlgorithm),
      signatureChars: isString(signature) ? signature.replace(/\s+/g, '').length : 0,
      certificateName: isString(chain?.value.certificateName) ? chain.value.certificateName : '',
      ...(isString(chain?.value.inlineDocument) ? { certificateChain: chain.value.inlineDocument } : {}),
    };
  }
  const codeSigning = childObject(file, 'codeSigning');
  if (!codeSigning || (codeSigning.value.startSigningJobParameter === undefined && codeSigning.value.awsSignerJobId === undefined)) {
    return { signatureChars: 0, certificateName: '' };
  }
  const profile = childObject(codeSigning, 'startSigningJobParameter.signingProfileParameter');
  const rsa = isString(profile?.value.platform) && profile.value.platform.includes('TI-CC3220SF');
  return {
    key: rsa ? 'sig-sha1-rsa' : 'sig-sha256-ecdsa',
    signatureChars: SIGNER_SIGNATURE_CHARS[rsa ? 'rsa' : 'ecdsa'],
    certificateName: isString(profile?.value.certificatePathOnDevice) ? profile.value.certificatePathOnDevice : '',
  };
}
