import {
  certificateKeyAlgorithm,
  certificateLabel,
  certificateValidity,
  defineRule,
  isObject,
  isString,
  readCertificateChain,
  signingParts,
} from '@otalint/core';

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A certificate chain given inline travels to the device, which verifies the image with the first
 * certificate's key: one that does not parse, holds the other kind of key, or is out of its
 * validity period makes verification fail on the device. A certificate config maps from disk (by
 * `certificateName`) has its dates checked here too; signature-verifies checks the rest of it.
 */
const rule = defineRule({
  meta: {
    id: 'certificate-chain',
    description:
      'An inline `customCodeSigning.certificateChain` parses as X.509, its key fits `signatureAlgorithm`, and it is within its validity period, as is a certificate config names on disk.',
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning'],
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      unreadable:
        '`certificateChain.inlineDocument` is not an X.509 certificate chain: {{reason}}. Give the PEM text of the code-signing certificate (`-----BEGIN CERTIFICATE-----` ...).',
      keyMismatch:
        'The certificate "{{name}}" holds {{article}} {{keyType}} key, but `signatureAlgorithm` is "{{algorithm}}"; the device verifies with this key and rejects the image. Use the certificate of the key that signed the file, or fix `signatureAlgorithm`.',
      expired: 'The certificate "{{name}}" expired on {{date}}; devices that check validity reject the image. Renew it (sign with a current certificate).',
      notYetValid: 'The certificate "{{name}}" is not valid until {{date}}; devices that check validity reject the image until then.',
      localExpired:
        'The certificate "{{name}}" ({{file}}, config `certificates`) expired on {{date}}; devices that check validity reject the image. Renew it (sign with a current certificate).',
      localNotYetValid:
        'The certificate "{{name}}" ({{file}}, config `certificates`) is not valid until {{date}}; devices that check validity reject the image until then.',
    },
  },
  defaultOptions: {},
  check(context) {
    const parts = signingParts(context.request, 'customCodeSigning');
    if (parts.length === 0) return;
    const now = new Date();
    for (const { part: custom } of parts) {
      const chain = custom.value.certificateChain;
      if (!isObject(chain)) continue;
      if (!isString(chain.inlineDocument)) {
        if (isString(chain.certificateName)) checkLocalDates(context, chain.certificateName, [...custom.path, 'certificateChain', 'certificateName'], now);
        continue;
      }
      const path = [...custom.path, 'certificateChain', 'inlineDocument'];
      const read = readCertificateChain(chain.inlineDocument);
      if (!read.ok) {
        context.report({ path, messageId: 'unreadable', data: { reason: read.reason } });
        continue;
      }
      const [leaf] = read.certificates;
      const algorithm = custom.value.signatureAlgorithm;
      if (leaf && isString(algorithm) && ['ECDSA', 'RSA'].includes(algorithm.toUpperCase())) {
        const keyType = certificateKeyAlgorithm(leaf);
        if (keyType !== algorithm.toUpperCase()) {
          // said letter by letter: "an ECDSA key", "an RSA key"
          const article = keyType === 'ECDSA' || keyType === 'RSA' ? 'an' : 'a';
          context.report({ path, messageId: 'keyMismatch', data: { name: certificateLabel(leaf), article, keyType, algorithm } });
        }
      }
      for (const certificate of read.certificates) {
        const { notBefore, notAfter } = certificateValidity(certificate);
        if (notAfter < now) context.report({ path, messageId: 'expired', data: { name: certificateLabel(certificate), date: day(notAfter) } });
        else if (notBefore > now) context.report({ path, messageId: 'notYetValid', data: { name: certificateLabel(certificate), date: day(notBefore) } });
      }
    }
  },
});

type Context = Parameters<NonNullable<(typeof rule)['check']>>[0];

/**
 * The dates of the certificate config maps from disk for `certificateName`. One that cannot be read
 * or is not a certificate is signature-verifies' to report (it needs the certificate to verify).
 */
function checkLocalDates(context: Context, name: string, path: ReadonlyArray<string | number>, now: Date): void {
  const local = context.localFiles.certificateFor(name);
  const bytes = local?.read();
  if (!local || !bytes?.ok) return;
  const read = readCertificateChain(bytes.bytes.toString('latin1'));
  const leaf = read.ok ? read.certificates[0] : undefined;
  if (!leaf) return;
  const { notBefore, notAfter } = certificateValidity(leaf);
  const data = { name: certificateLabel(leaf), file: local.path };
  if (notAfter < now) context.report({ path, messageId: 'localExpired', data: { ...data, date: day(notAfter) } });
  else if (notBefore > now) context.report({ path, messageId: 'localNotYetValid', data: { ...data, date: day(notBefore) } });
}

export default rule;
