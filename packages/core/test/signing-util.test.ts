import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import { fileEntries } from '../src/util/request-lists.js';
import { withFrozenLists, withSharedSelections } from '../src/util/select.js';
import { markOpen, unknownValue } from '../src/value/unknown.js';
import {
  certificateKeyAlgorithm,
  certificateLabel,
  certificateValidity,
  decodeBase64Strictly,
  looksBase64Encoded,
  parseDerEcdsaSignature,
  readCertificateChain,
  signingParts,
} from '../src/util/signing.js';

const material = (name: string) => readFileSync(new URL(`../../../fixtures/material/${name}`, import.meta.url));

const base64 = suite('decodeBase64Strictly');
base64('decodes standard base64 and skips line breaks', () => {
  const wrapped = material('firmware.rsa-2048.sig.b64').toString().trim().replace(/.{64}/g, '$&\n');
  const decoded = decodeBase64Strictly(wrapped);
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.bytes, material('firmware.rsa-2048.sig'));
});
base64('padding: none, one or two', () => {
  for (const [text, bytes] of [
    ['TWFu', 'Man'],
    ['TWE=', 'Ma'],
    ['TQ==', 'M'],
  ] as const) {
    const decoded = decodeBase64Strictly(text);
    assert.ok(decoded.ok, text);
    assert.equal(decoded.bytes.toString(), bytes);
  }
});
base64('problems, each named', () => {
  assert.deepEqual(decodeBase64Strictly(''), { ok: false, problem: { kind: 'empty' } });
  assert.deepEqual(decodeBase64Strictly(' \n'), { ok: false, problem: { kind: 'empty' } });
  assert.deepEqual(decodeBase64Strictly('TW-u'), { ok: false, problem: { kind: 'character', character: '-', index: 2 } });
  assert.deepEqual(decodeBase64Strictly('TWFu==='), { ok: false, problem: { kind: 'character', character: '=', index: 4 } });
  assert.deepEqual(decodeBase64Strictly('TWF'), { ok: false, problem: { kind: 'padding', length: 3 } });
  assert.deepEqual(decodeBase64Strictly('TWFuT'), { ok: false, problem: { kind: 'padding', length: 5 } });
  assert.deepEqual(decodeBase64Strictly(material('ec-p256.key').toString()), { ok: false, problem: { kind: 'pem', label: 'EC PRIVATE KEY' } });
});
base64('base64 of base64 is recognised, a real signature is not', () => {
  assert.equal(looksBase64Encoded(Buffer.from(material('firmware.ecdsa-p256.sig.b64').toString().trim())), true);
  assert.equal(looksBase64Encoded(material('firmware.ecdsa-p256.sig')), false);
  assert.equal(looksBase64Encoded(material('firmware.rsa-2048.sig')), false);
});
base64.run();

const der = suite('parseDerEcdsaSignature');
der('a real P-256 signature made by openssl', () => {
  const parsed = parseDerEcdsaSignature(material('firmware.ecdsa-p256.sig'));
  assert.ok(parsed);
  assert.ok(parsed.rLength >= 32 && parsed.rLength <= 33 && parsed.sLength >= 31 && parsed.sLength <= 33);
});
der('not DER: an RSA signature, truncated, trailing bytes, empty integers', () => {
  const ecdsa = material('firmware.ecdsa-p256.sig');
  assert.equal(parseDerEcdsaSignature(material('firmware.rsa-2048.sig')), undefined);
  assert.equal(parseDerEcdsaSignature(ecdsa.subarray(0, ecdsa.length - 1)), undefined);
  assert.equal(parseDerEcdsaSignature(Buffer.concat([ecdsa, Buffer.of(0)])), undefined);
  assert.equal(parseDerEcdsaSignature(Buffer.of(0x30, 4, 0x02, 0, 0x02, 0)), undefined);
  assert.equal(parseDerEcdsaSignature(Buffer.alloc(0)), undefined);
});
der.run();

const chain = suite('readCertificateChain');
chain('PEM, base64 of PEM, base64 of DER, and a chain of two', () => {
  const ec = material('ec-p256.crt').toString();
  const rsa = material('rsa-2048.crt').toString();
  const derBase64 = ec.replace(/-----[A-Z ]+-----|\s/g, '');
  for (const input of [ec, Buffer.from(ec).toString('base64'), derBase64]) {
    const read = readCertificateChain(input);
    assert.ok(read.ok);
    assert.equal(read.certificates.length, 1);
    assert.equal(certificateKeyAlgorithm(read.certificates[0]!), 'ECDSA');
    assert.equal(certificateLabel(read.certificates[0]!), 'otalint test ECDSA P-256');
  }
  const both = readCertificateChain(ec + rsa);
  assert.ok(both.ok);
  assert.deepEqual(both.certificates.map(certificateKeyAlgorithm), ['ECDSA', 'RSA']);
});
chain('validity dates of the expired certificate', () => {
  const read = readCertificateChain(material('ec-p256-expired.crt').toString());
  assert.ok(read.ok);
  const { notBefore, notAfter } = certificateValidity(read.certificates[0]!);
  assert.equal(notBefore.toISOString(), '2020-01-01T00:00:00.000Z');
  assert.equal(notAfter.toISOString(), '2021-01-01T00:00:00.000Z');
});
chain('what is not a chain, with the reason', () => {
  const ec = material('ec-p256.crt').toString();
  assert.deepEqual(readCertificateChain(material('rsa-2048.key').toString()), { ok: false, reason: 'it holds a PEM "PRIVATE KEY" block, not a CERTIFICATE' });
  assert.deepEqual(readCertificateChain('/certs/signer.crt'), { ok: false, reason: 'it is neither PEM text nor base64' });
  assert.deepEqual(readCertificateChain(' \n'), { ok: false, reason: 'it is empty' });
  assert.deepEqual(readCertificateChain(ec.replace('-----END CERTIFICATE-----', '')), {
    ok: false,
    reason: 'its PEM block has no "-----END CERTIFICATE-----" line',
  });
  const broken = ec.replace(/\n[A-Za-z0-9+/]{8}/, '\nAAAAAAAA');
  assert.deepEqual(readCertificateChain(ec + broken), {
    ok: false,
    reason: 'certificate 2 of 2 does not parse as X.509 (its bytes are not a DER-encoded certificate)',
  });
});
chain.run();

const parts = suite('signingParts');
parts('skips an empty leftover beside another method, keeps a lone empty method', () => {
  const request = {
    files: [
      { codeSigning: { awsSignerJobId: 'j', customCodeSigning: {} } },
      { codeSigning: { customCodeSigning: {} } },
      { codeSigning: { customCodeSigning: { hashAlgorithm: 'SHA256' }, awsSignerJobId: 'j' } },
      'not a file',
    ],
  };
  assert.deepEqual(
    signingParts(request, 'customCodeSigning').map(({ part }) => part.path),
    [
      ['files', 1, 'codeSigning', 'customCodeSigning'],
      ['files', 2, 'codeSigning', 'customCodeSigning'],
    ],
  );
  assert.deepEqual(
    fileEntries(request).map((file) => file.path),
    [
      ['files', 0],
      ['files', 1],
      ['files', 2],
    ],
  );
  assert.deepEqual(fileEntries({ files: 'x' }), []);
});
parts('an empty method beside one that may be there (unknown, or from a spread) may be a leftover: skipped', () => {
  const request = {
    files: [
      { codeSigning: { awsSignerJobId: unknownValue('$JOB'), customCodeSigning: {} } },
      { codeSigning: markOpen({ customCodeSigning: {} }, ['...signing']) },
    ],
  };
  assert.deepEqual(signingParts(request, 'customCodeSigning'), []);
});
parts('made once per request while the rules run on it, per method, and frozen in rule tests', () => {
  const request = { files: [{ codeSigning: { customCodeSigning: { hashAlgorithm: 'SHA256' }, startSigningJobParameter: {} } }] };
  withSharedSelections(() => {
    const custom = signingParts(request, 'customCodeSigning');
    assert.equal(signingParts(request, 'customCodeSigning'), custom);
    assert.ok(!Object.isFrozen(custom), 'in a lint run, not frozen: V8 loops over it faster');
    assert.ok(withFrozenLists(() => Object.isFrozen(signingParts(structuredClone(request), 'customCodeSigning'))));
    assert.notEqual(signingParts(request, 'startSigningJobParameter'), custom);
    assert.notEqual(signingParts(structuredClone(request), 'customCodeSigning'), custom);
  });
  // Outside a run nothing is kept: each call makes its own list.
  assert.notEqual(signingParts(request, 'customCodeSigning'), signingParts(request, 'customCodeSigning'));
});
parts.run();
