import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signature-verifies.js';
import { json } from './support/json.js';
import { material, materialPath } from './support/material.js';
import { rangeOf, rangeOfValue } from './support/position.js';

// Real signatures made with openssl over fixtures/material/firmware.bin (make.sh), checked against
// that file and a copy with one byte changed.
const FIRMWARE = materialPath('firmware.bin');
const TAMPERED = materialPath('firmware-tampered.bin');
const shown = (file: string) => `fixtures/material/${file}`;
const S3 = 's3://afr-ota-firmware/app/1.5.0/app.bin';

const signed = (signature: string, signatureAlgorithm: string, chain: Record<string, string>, hashAlgorithm = 'SHA256') => ({
  files: [
    {
      fileName: '/sys/firmware.bin',
      fileLocation: { s3Location: { bucket: 'afr-ota-firmware', key: 'app/1.5.0/app.bin', version: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' } },
      codeSigning: { customCodeSigning: { signature: { inlineDocument: signature }, certificateChain: chain, hashAlgorithm, signatureAlgorithm } },
    },
  ],
});
const inline = (pem: string) => ({ certificateName: '/certs/ota_signer.crt', inlineDocument: pem });
const byName = { certificateName: '/certs/ota_signer.crt' };
const onDisk = (firmware: string, certificate?: string) => ({
  firmware: { [S3]: firmware },
  ...(certificate ? { certificates: { '/certs/ota_signer.crt': materialPath(certificate) } } : {}),
});

const mismatch = (firmware: string, mappedFrom: string, certificate: string, hash: string, algorithm: string) =>
  `The signature does not verify over ${firmware} (the firmware for ${mappedFrom}) with the certificate "${certificate}" (${hash} with ${algorithm}): devices reject this image. Sign the file on disk again with the key of that certificate, or point config \`firmware\` at the file that was signed.`;

const cases = {
  ecdsaTampered: json(signed(material.ecdsaSignature, 'ECDSA', inline(material.ecCertificate))),
  rsa2048Tampered: json(signed(material.rsa2048Signature, 'RSA', byName)),
  rsa3072Tampered: json(signed(material.rsa3072Signature, 'RSA', inline(material.rsa3072Certificate))),
  otherKey: json(signed(material.rsa2048Signature, 'RSA', inline(material.rsa3072Certificate))),
  wrongHash: json(signed(material.ecdsaSignature, 'ECDSA', inline(material.ecCertificate), 'SHA1')),
  rsaCertForEcdsa: json(signed(material.ecdsaSignature, 'ECDSA', byName)),
  notPem: json(signed(material.ecdsaSignature, 'ECDSA', byName)),
};

testRule(rule, {
  valid: [
    {
      name: 'ECDSA P-256, inline certificate',
      request: signed(material.ecdsaSignature, 'ECDSA', inline(material.ecCertificate)),
      localFiles: onDisk(FIRMWARE),
    },
    {
      name: 'RSA-2048, certificate on disk by its name on the device',
      request: signed(material.rsa2048Signature, 'RSA', byName),
      localFiles: onDisk(FIRMWARE, 'rsa-2048.crt'),
    },
    {
      name: "a local certificate that expired: its dates are certificate-chain's (a warning), and the signature verifies",
      request: signed(material.ecdsaSignature, 'ECDSA', byName),
      localFiles: onDisk(FIRMWARE, 'ec-p256-expired.crt'),
    },
    {
      name: 'RSA-3072, inline certificate',
      request: signed(material.rsa3072Signature, 'RSA', inline(material.rsa3072Certificate)),
      localFiles: onDisk(FIRMWARE),
    },
    {
      name: 'lower-case algorithm names',
      request: signed(material.ecdsaSignature, 'ecdsa', inline(material.ecCertificate), 'sha256'),
      localFiles: onDisk(FIRMWARE),
    },
    {
      name: '--firmware for a file config does not map',
      request: signed(material.ecdsaSignature, 'ECDSA', inline(material.ecCertificate)),
      localFiles: { defaultFirmware: FIRMWARE },
    },
    { name: 'no firmware on disk: nothing to verify', request: signed(material.ecdsaSignature, 'ECDSA', inline(material.ecCertificate)) },
    { name: 'no certificate known: nothing to verify with', request: signed(material.ecdsaSignature, 'ECDSA', byName), localFiles: onDisk(TAMPERED) },
    {
      name: "an inline RSA certificate for ECDSA is certificate-chain's",
      request: signed(material.ecdsaSignature, 'ECDSA', inline(material.rsaCertificate)),
      localFiles: onDisk(TAMPERED),
    },
    {
      name: "a signature that is not base64 is signature-encoding's",
      request: signed('MEUC*Q==', 'ECDSA', inline(material.ecCertificate)),
      localFiles: onDisk(TAMPERED),
    },
    {
      name: "an algorithm devices do not know is signing-algorithms'",
      request: signed(material.ecdsaSignature, 'EdDSA', inline(material.ecCertificate)),
      localFiles: onDisk(TAMPERED),
    },
  ],
  invalid: [
    {
      name: 'ECDSA P-256 over the tampered firmware',
      code: cases.ecdsaTampered,
      localFiles: onDisk(TAMPERED),
      errors: [
        {
          message: mismatch(shown('firmware-tampered.bin'), `"${S3}"`, 'otalint test ECDSA P-256', 'SHA256', 'ECDSA'),
          ...rangeOfValue(cases.ecdsaTampered, 'inlineDocument'),
          path: '/files/0/codeSigning/customCodeSigning/signature/inlineDocument',
        },
      ],
    },
    {
      name: 'RSA-2048 over the tampered firmware, certificate on disk',
      code: cases.rsa2048Tampered,
      localFiles: onDisk(TAMPERED, 'rsa-2048.crt'),
      errors: [
        {
          message: mismatch(shown('firmware-tampered.bin'), `"${S3}"`, 'otalint test RSA-2048', 'SHA256', 'RSA'),
          ...rangeOfValue(cases.rsa2048Tampered, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'RSA-3072 over the tampered firmware, with --firmware',
      code: cases.rsa3072Tampered,
      localFiles: { defaultFirmware: TAMPERED },
      errors: [
        {
          message: mismatch(shown('firmware-tampered.bin'), '--firmware', 'otalint test RSA-3072', 'SHA256', 'RSA'),
          ...rangeOfValue(cases.rsa3072Tampered, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'signed with another key than the certificate’s',
      code: cases.otherKey,
      localFiles: onDisk(FIRMWARE),
      errors: [
        { message: mismatch(shown('firmware.bin'), `"${S3}"`, 'otalint test RSA-3072', 'SHA256', 'RSA'), ...rangeOfValue(cases.otherKey, 'inlineDocument') },
      ],
    },
    {
      name: 'the hash the request names is not the one signed',
      code: cases.wrongHash,
      localFiles: onDisk(FIRMWARE),
      errors: [
        {
          message: mismatch(shown('firmware.bin'), `"${S3}"`, 'otalint test ECDSA P-256', 'SHA1', 'ECDSA'),
          ...rangeOfValue(cases.wrongHash, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'a local RSA certificate for an ECDSA signature',
      code: cases.rsaCertForEcdsa,
      localFiles: onDisk(FIRMWARE, 'rsa-2048.crt'),
      errors: [
        {
          message: `The certificate "otalint test RSA-2048" (${shown('rsa-2048.crt')}) holds an RSA key, but \`signatureAlgorithm\` is "ECDSA": the device verifies with this key and rejects the image. Use the certificate of the key that signed the file, or fix \`signatureAlgorithm\`.`,
          ...rangeOf(cases.rsaCertForEcdsa, '"ECDSA"'),
          path: '/files/0/codeSigning/customCodeSigning/signatureAlgorithm',
        },
      ],
    },
    {
      name: 'config names a private key as the certificate',
      code: cases.notPem,
      localFiles: onDisk(FIRMWARE, 'ec-p256.key'),
      errors: [
        {
          message: `${shown('ec-p256.key')} (the certificate for "/certs/ota_signer.crt" in config \`certificates\`) is not an X.509 certificate in PEM: it holds a PEM "EC PRIVATE KEY" block, not a CERTIFICATE. Point it at the code-signing certificate.`,
          ...rangeOf(cases.notPem, '"/certs/ota_signer.crt"'),
        },
      ],
    },
  ],
});
