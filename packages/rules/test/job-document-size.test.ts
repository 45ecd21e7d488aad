import assert from 'node:assert/strict';
import { testRule } from '@otalint/core/testing';
import { test } from 'uvu';
import { estimateJobDocument } from '../src/job-document.js';
import rule from '../src/rules/job-document-size.js';
import { json } from './support/json.js';
import { material } from './support/material.js';
import { rangeOf } from './support/position.js';

const LIMIT = '32,768';
const over = (size: string, parts: string, advice: string) =>
  `The job document the service builds from this request is at least ${size} bytes (${parts}), over the 32 KB (${LIMIT}-byte) limit of IoT job documents: the update fails with CREATE_FAILED. ${advice}`;
const near = (size: string, parts: string, percent: number, advice: string) =>
  `The job document the service builds from this request is at least ${size} bytes (${parts}), ${percent}% of the 32 KB (${LIMIT}-byte) limit of IoT job documents; a pre-signed URL or a longer signature may take it over, and the update then fails. ${advice}`;
const ATTRIBUTES_ADVICE = 'Move large values out of `files[].attributes` (every attribute travels in the job document to every device).';

/** `count` attributes of 4096 characters, the most the model allows in one value. */
const attributes = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`note${i}`, 'x'.repeat(4096)]));
const file = (extra: Record<string, unknown> = {}) => ({
  fileName: '/sys/firmware.bin',
  fileLocation: { stream: { streamId: 'fw', fileId: 0 } },
  codeSigning: { awsSignerJobId: '48c67f3c-63bb-4f92-a98a-4ee0fbc2bef6' },
  ...extra,
});
const eight = json({ otaUpdateId: 'big', files: [file({ attributes: attributes(8) })] });
const sevenAndChain = json({
  files: [
    {
      ...file(),
      attributes: attributes(7),
      codeSigning: {
        customCodeSigning: {
          signature: { inlineDocument: material.ecdsaSignature },
          certificateChain: { certificateName: '/certs/ota_signer.crt', inlineDocument: material.ecCertificate },
          hashAlgorithm: 'SHA256',
          signatureAlgorithm: 'ECDSA',
        },
      },
    },
  ],
});

testRule(rule, {
  valid: [
    { name: 'a usual request', request: { protocols: ['MQTT'], files: [file()] } },
    { name: '7 attributes of 4 KB: 88%', request: { files: [file({ attributes: attributes(7) })] } },
    { name: 'no files', request: { files: [] } },
    { name: 'not an object', request: { files: 'x' } },
  ],
  invalid: [
    {
      name: '8 attributes of 4 KB',
      code: eight,
      errors: [
        {
          message: over('33,177', 'file attributes 32,865, paths, names and the rest 195, signatures 117', ATTRIBUTES_ADVICE),
          ...rangeOf(eight, '"files"'),
          path: '/files',
        },
      ],
    },
    {
      name: '7 attributes and an inline certificate chain: near',
      code: sevenAndChain,
      errors: [
        {
          message: near(
            '29,736',
            'file attributes 28,758, inline certificate chains 645, paths, names and the rest 216, signatures 117',
            90,
            ATTRIBUTES_ADVICE,
          ),
          ...rangeOf(sevenAndChain, '"files"'),
        },
      ],
    },
    {
      name: 'a lower warning threshold',
      request: { files: [file({ attributes: attributes(7) })] },
      options: { nearPercent: 80 },
      errors: [
        {
          message: near('29,070', 'file attributes 28,758, paths, names and the rest 195, signatures 117', 88, ATTRIBUTES_ADVICE),
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 10,
        },
      ],
    },
  ],
});

test('the estimate is a lower bound of the job document, as the service writes it', () => {
  const request = {
    protocols: ['MQTT', 'HTTP'],
    files: [
      file({ fileType: 0, attributes: { build: '2026-11-29', channel: 'stable' } }),
      file({
        fileName: '/sys/config.json',
        fileId: 1,
        fileType: 2,
        codeSigning: {
          customCodeSigning: {
            signature: { inlineDocument: material.rsa2048Signature },
            certificateChain: { certificateName: '/certs/rsa.crt' },
            hashAlgorithm: 'SHA256',
            signatureAlgorithm: 'RSA',
          },
        },
      }),
    ],
  };
  // Signed with the role's temporary credentials, so it carries a session token (STS tokens run to 700 characters and more).
  const presignedUrl = `https://afr-ota.s3.amazonaws.com/fw.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T000000Z&X-Amz-Expires=1800&X-Amz-Security-Token=${'T'.repeat(700)}&X-Amz-SignedHeaders=host&X-Amz-Signature=${'a'.repeat(64)}`;
  // The afr_ota document, as AWS support shows one on re:Post ("IoT Job Document to match OTA Update"), with HTTP's members.
  const written = JSON.stringify({
    afr_ota: {
      protocols: ['MQTT', 'HTTP'],
      streamname: 'AFR_OTA-0b7d9f3e-8d1c-4b55-9a3f-2f6c1a7e4d21',
      files: [
        {
          filepath: '/sys/firmware.bin',
          filesize: 1048576,
          fileid: 0,
          certfile: '',
          fileType: 0,
          update_data_url: presignedUrl,
          auth_scheme: 'aws.s3.presigned',
          'sig-sha256-ecdsa': 'M'.repeat(96),
          attr: { build: '2026-11-29', channel: 'stable' },
        },
        {
          filepath: '/sys/config.json',
          filesize: 2048,
          fileid: 1,
          certfile: '/certs/rsa.crt',
          fileType: 2,
          update_data_url: presignedUrl,
          auth_scheme: 'aws.s3.presigned',
          'sig-sha256-rsa': material.rsa2048Signature,
        },
      ],
    },
  });
  const estimate = estimateJobDocument(request).total;
  assert.ok(estimate <= written.length, `estimate ${estimate} > written ${written.length}`);
  assert.ok(estimate >= written.length * 0.75, `estimate ${estimate} is far below ${written.length}`);
});
test('paths, names and the rest: the bytes of the document the service writes, counted without writing it', () => {
  const streamname = `AFR_OTA-${'0'.repeat(36)}`;
  const filesize = 16 * 1024 * 1024;
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
  const cases: Array<[request: unknown, document: unknown]> = [
    [{}, { afr_ota: { protocols: ['MQTT'], streamname, files: [] } }],
    [
      {
        protocols: ['MQTT', 'HTTP', 7],
        files: [
          {
            fileName: 'ü/固件 "v2"\n.bin',
            fileId: -0,
            fileType: 1e21,
            codeSigning: { startSigningJobParameter: { signingProfileParameter: { certificatePathOnDevice: 'cert\t\u0001' } } },
          },
          'not a file',
          { fileName: 5, fileId: 2.5e-7, codeSigning: { customCodeSigning: { certificateChain: { certificateName: '/certs/😀.crt' } } } },
        ],
      },
      {
        afr_ota: {
          protocols: ['MQTT', 'HTTP'],
          streamname,
          files: [
            { filepath: 'ü/固件 "v2"\n.bin', filesize, fileid: 0, certfile: 'cert\t\u0001', fileType: 1e21 },
            { filepath: '', filesize, fileid: 2.5e-7, certfile: '/certs/😀.crt', fileType: 0 },
          ],
        },
      },
    ],
    [
      { protocols: [], files: [{}, {}, { fileType: -3 }] },
      {
        afr_ota: {
          protocols: ['MQTT'],
          streamname,
          files: [0, 1, 2].map((fileid) => ({ filepath: '', filesize, fileid, certfile: '', fileType: fileid === 2 ? -3 : 0 })),
        },
      },
    ],
  ];
  for (const [request, document] of cases) assert.equal(estimateJobDocument(request).other, bytes(document), JSON.stringify(request));
  // The HTTP protocol, in any letter case, adds a download URL per file.
  assert.equal(
    estimateJobDocument({ protocols: ['http'], files: [{}, {}] }).downloadUrls,
    2 * (Buffer.byteLength(',"update_data_url":,"auth_scheme":"aws.s3.presigned"') + 1000),
  );
  assert.equal(estimateJobDocument({ protocols: ['MQTT'], files: [{}] }).downloadUrls, 0);
});
test('a request without attributes is counted without writing any part of the job document as JSON', () => {
  const stringify = JSON.stringify;
  let objects = 0;
  JSON.stringify = ((value: unknown, ...rest: []) => {
    if (value !== null && typeof value === 'object') objects++;
    return stringify(value, ...rest);
  }) as typeof JSON.stringify;
  try {
    estimateJobDocument({ protocols: ['MQTT', 'HTTP'], files: [file(), file({ fileName: 'b.bin' })] });
  } finally {
    JSON.stringify = stringify;
  }
  assert.equal(objects, 0);
});
test.run();
