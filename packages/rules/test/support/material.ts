// The signing material made by fixtures/material/make.sh (real keys, certificates, signatures).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of a file of the material. */
export const materialPath = (name: string) => fileURLToPath(new URL(`../../../../fixtures/material/${name}`, import.meta.url));
const read = (name: string) => readFileSync(materialPath(name), 'utf8');

export const material = {
  /** base64 of a 70-byte DER ECDSA P-256 signature */
  ecdsaSignature: read('firmware.ecdsa-p256.sig.b64').trim(),
  /** base64 of a 256-byte RSA-2048 signature */
  rsa2048Signature: read('firmware.rsa-2048.sig.b64').trim(),
  /** base64 of a 384-byte RSA-3072 signature */
  rsa3072Signature: read('firmware.rsa-3072.sig.b64').trim(),
  /** base64 of a 512-byte RSA-4096 signature */
  rsa4096Signature: read('firmware.rsa-4096.sig.b64').trim(),
  ecCertificate: read('ec-p256.crt'),
  rsaCertificate: read('rsa-2048.crt'),
  rsa3072Certificate: read('rsa-3072.crt'),
  expiredEcCertificate: read('ec-p256-expired.crt'),
  ecPrivateKey: read('ec-p256.key'),
} as const;
