import type { KeyObject, X509Certificate } from 'node:crypto';
import {
  certificateKeyAlgorithm,
  certificateLabel,
  childObject,
  decodeBase64Strictly,
  defineRule,
  isString,
  nodeCrypto,
  readCertificateChain,
  signingParts,
  type LocalFile,
} from '@otalint/core';

/** The digests devices use, by `hashAlgorithm` (any letter case). */
const DIGESTS: Readonly<Record<string, string>> = { SHA256: 'sha256', SHA1: 'sha1' };

/**
 * A device verifies a custom-signed image with the certificate's public key over the bytes it
 * received: a signature made over other bytes, or with another key, fails there, after the update
 * rolled out. When the firmware is on disk (config `firmware`, or `--firmware`) and the certificate
 * is known (inline, or config `certificates` by its name on the device), verify it here with the
 * same digest and algorithm (ECDSA signatures in DER, RSA with PKCS#1 v1.5, as FreeRTOS agents).
 */
const rule = defineRule({
  meta: {
    id: 'signature-verifies',
    description:
      'When the firmware is on disk, the `customCodeSigning` signature verifies over it with the certificate (inline, or a local PEM named in config), whose key fits the algorithm.',
    category: 'signing',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning'],
    messages: {
      mismatch:
        'The signature does not verify over {{firmware}} (the firmware for {{mappedFrom}}) with the certificate "{{certificate}}" ({{hash}} with {{algorithm}}): devices reject this image. Sign the file on disk again with the key of that certificate, or point config `firmware` at the file that was signed.',
      unreadable: 'Cannot read {{what}} {{file}} (config maps {{mappedFrom}} to it): {{reason}}. Fix the path in config, or build the file first.',
      notCertificate:
        '{{file}} (the certificate for "{{name}}" in config `certificates`) is not an X.509 certificate in PEM: {{reason}}. Point it at the code-signing certificate.',
      keyMismatch:
        'The certificate "{{certificate}}" ({{file}}) holds {{article}} {{keyType}} key, but `signatureAlgorithm` is "{{algorithm}}": the device verifies with this key and rejects the image. Use the certificate of the key that signed the file, or fix `signatureAlgorithm`.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { file, part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const firmwareFile = context.localFiles.firmwareFor(file.value);
      if (!firmwareFile) continue;
      const signaturePath = [...custom.path, 'signature', 'inlineDocument'];
      const { hashAlgorithm, signatureAlgorithm } = custom.value;
      const digest = isString(hashAlgorithm) ? DIGESTS[hashAlgorithm.toUpperCase()] : undefined;
      const algorithm = isString(signatureAlgorithm) ? signatureAlgorithm.toUpperCase() : undefined;
      const inline = childObject(custom, 'signature')?.value.inlineDocument;
      // An unknown algorithm or a signature that is not base64 is other rules' to report.
      if (!digest || (algorithm !== 'ECDSA' && algorithm !== 'RSA') || !isString(inline)) continue;
      const signature = decodeBase64Strictly(inline);
      if (!signature.ok) continue;

      const certificate = certificateOf(context, custom.value.certificateChain, [...custom.path, 'certificateChain']);
      if (!certificate) continue;
      const firmware = firmwareFile.read();
      if (!firmware.ok) {
        const data = { what: 'the firmware', file: firmwareFile.path, mappedFrom: firmwareFile.mappedFrom, reason: firmware.reason };
        context.report({ path: [...file.path, 'fileLocation'], target: 'key', messageId: 'unreadable', data });
        continue;
      }
      const keyType = certificateKeyAlgorithm(certificate.x509);
      if (keyType !== algorithm) {
        // An inline chain's key is certificate-chain's to report.
        if (certificate.local) {
          const article = keyType === 'ECDSA' || keyType === 'RSA' ? 'an' : 'a';
          context.report({
            path: [...custom.path, 'signatureAlgorithm'],
            messageId: 'keyMismatch',
            data: { certificate: certificate.label, file: certificate.local.path, article, keyType, algorithm: signatureAlgorithm },
          });
        }
        continue;
      }
      if (!verifies(digest, firmware.bytes, certificate.x509.publicKey, signature.bytes)) {
        context.report({
          path: signaturePath,
          messageId: 'mismatch',
          data: {
            firmware: firmwareFile.path,
            mappedFrom: firmwareFile.mappedFrom === '--firmware' ? '--firmware' : `"${firmwareFile.mappedFrom}"`,
            certificate: certificate.label,
            hash: hashAlgorithm,
            algorithm: signatureAlgorithm,
          },
        });
      }
    }
  },
});

type Context = Parameters<NonNullable<(typeof rule)['check']>>[0];

interface Certificate {
  readonly x509: X509Certificate;
  readonly label: string;
  /** Set when the certificate came from disk (config `certificates`). */
  readonly local?: LocalFile;
}

/**
 * The certificate the device verifies with: the first of an inline chain (certificate-chain reports
 * one that does not parse, its key and its dates), else the local PEM config names for
 * `certificateName` (checked here: it parses; certificate-chain reports its dates, which only some
 * devices check).
 */
function certificateOf(context: Context, chain: unknown, chainPath: ReadonlyArray<string | number>): Certificate | undefined {
  if (typeof chain !== 'object' || chain === null) return undefined;
  const { inlineDocument, certificateName } = chain as Record<string, unknown>;
  if (isString(inlineDocument)) {
    const read = readCertificateChain(inlineDocument);
    const leaf = read.ok ? read.certificates[0] : undefined;
    return leaf ? { x509: leaf, label: certificateLabel(leaf) } : undefined;
  }
  if (!isString(certificateName)) return undefined;
  const local = context.localFiles.certificateFor(certificateName);
  if (!local) return undefined;
  const namePath = [...chainPath, 'certificateName'];
  const bytes = local.read();
  if (!bytes.ok) {
    context.report({
      path: namePath,
      messageId: 'unreadable',
      data: { what: 'the certificate', file: local.path, mappedFrom: `"${certificateName}"`, reason: bytes.reason },
    });
    return undefined;
  }
  const read = readCertificateChain(bytes.bytes.toString('latin1'));
  const leaf = read.ok ? read.certificates[0] : undefined;
  if (!leaf) {
    context.report({
      path: namePath,
      messageId: 'notCertificate',
      data: { file: local.path, name: certificateName, reason: read.ok ? 'it is empty' : read.reason },
    });
    return undefined;
  }
  return { x509: leaf, label: certificateLabel(leaf), local };
}

/** ECDSA in DER and RSA with PKCS#1 v1.5 padding: Node's defaults for these keys, as devices verify. */
function verifies(digest: string, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return nodeCrypto().verify(digest, data, key, signature);
  } catch {
    return false; // a signature of the wrong shape for the key does not verify
  }
}

export default rule;
