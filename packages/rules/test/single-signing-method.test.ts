import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/single-signing-method.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const leftover = (method: string, used: string) =>
  `\`${method}\` is an empty object beside \`${used}\`, as \`get-ota-update\` output echoes it; remove it so the file names one signing method.`;
const several = (count: number, methods: string) =>
  `\`codeSigning\` names ${count} signing methods (${methods}); a file is signed one way. Keep exactly one of them.`;

const signerJob = { awsSignerJobId: '48c67f3c-63bb-4f92-a98a-4ee0fbc2bef6' };
const custom = { customCodeSigning: { signature: { inlineDocument: 'MEUCIQ==' }, hashAlgorithm: 'SHA256', signatureAlgorithm: 'ECDSA' } };
const job = { startSigningJobParameter: { signingProfileName: 'ota_profile', destination: { s3Destination: { bucket: 'afr-ota-signed' } } } };

const copiedFromGet = json(withFile({ fileName: 'fw.bin', codeSigning: { ...signerJob, startSigningJobParameter: {}, customCodeSigning: {} } }));
const twoReal = json(withFile({ codeSigning: { ...signerJob, ...custom } }));
const leftoverFirst = json(withFile({ codeSigning: { customCodeSigning: {}, ...signerJob } }));
const yaml = 'files:\n  - fileName: fw.bin\n    codeSigning:\n      awsSignerJobId: abc\n      customCodeSigning: {}\n';
const onlyEmpties = json(withFile({ codeSigning: { startSigningJobParameter: {}, customCodeSigning: {} } }));
const twoFiles = json({ files: [{ codeSigning: signerJob }, { codeSigning: { ...signerJob, ...job } }] });
const keep = (kept: string, removed: string, output: string) => ({ message: `Keep only \`${kept}\` (remove \`${removed}\`).`, output });

testRule(rule, {
  valid: [
    { name: 'signer job only', request: withFile({ codeSigning: signerJob }) },
    { name: 'custom signing only', request: withFile({ codeSigning: custom }) },
    { name: 'signing job only', request: withFile({ codeSigning: job }) },
    { name: 'no codeSigning', request: withFile({ fileName: 'fw.bin' }) },
    { name: 'empty codeSigning', request: withFile({ codeSigning: {} }) },
    { name: 'one empty method alone is not two methods', request: withFile({ codeSigning: { customCodeSigning: {} } }) },
    { name: 'files is not a list', request: { files: 'x' } },
    { name: 'codeSigning is not an object', request: withFile({ codeSigning: 'x' }) },
  ],
  invalid: [
    {
      name: 'get-ota-update leftovers beside a signer job: both removed by the fix',
      code: copiedFromGet,
      errors: [
        {
          message: leftover('startSigningJobParameter', 'awsSignerJobId'),
          ...rangeOf(copiedFromGet, '"startSigningJobParameter"'),
          path: '/files/0/codeSigning/startSigningJobParameter',
        },
        { message: leftover('customCodeSigning', 'awsSignerJobId'), ...rangeOf(copiedFromGet, '"customCodeSigning"') },
      ],
      output: json(withFile({ fileName: 'fw.bin', codeSigning: signerJob })),
    },
    {
      name: 'a leftover before the method in use',
      code: leftoverFirst,
      errors: [{ message: leftover('customCodeSigning', 'awsSignerJobId'), ...rangeOf(leftoverFirst, '"customCodeSigning"') }],
      output: json(withFile({ codeSigning: signerJob })),
    },
    {
      name: 'YAML leftover: the fix removes its line',
      code: yaml,
      errors: [{ message: leftover('customCodeSigning', 'awsSignerJobId'), ...rangeOf(yaml, 'customCodeSigning') }],
      output: 'files:\n  - fileName: fw.bin\n    codeSigning:\n      awsSignerJobId: abc\n',
    },
    {
      name: 'two real methods: suggestions, no fix',
      code: twoReal,
      errors: [
        {
          message: several(2, 'awsSignerJobId, customCodeSigning'),
          ...rangeOf(twoReal, '"codeSigning"'),
          path: '/files/0/codeSigning',
          suggestions: [
            keep('awsSignerJobId', 'customCodeSigning', json(withFile({ codeSigning: signerJob }))),
            keep('customCodeSigning', 'awsSignerJobId', json(withFile({ codeSigning: custom }))),
          ],
        },
      ],
    },
    {
      name: 'only empty methods: a person must choose',
      code: onlyEmpties,
      errors: [
        {
          message: several(2, 'startSigningJobParameter, customCodeSigning'),
          ...rangeOf(onlyEmpties, '"codeSigning"'),
          suggestions: [
            keep('startSigningJobParameter', 'customCodeSigning', json(withFile({ codeSigning: { startSigningJobParameter: {} } }))),
            keep('customCodeSigning', 'startSigningJobParameter', json(withFile({ codeSigning: { customCodeSigning: {} } }))),
          ],
        },
      ],
    },
    {
      name: 'the second file of two',
      code: twoFiles,
      errors: [
        {
          message: several(2, 'awsSignerJobId, startSigningJobParameter'),
          ...rangeOf(twoFiles, '"codeSigning"', 2),
          path: '/files/1/codeSigning',
          suggestions: [
            keep('awsSignerJobId', 'startSigningJobParameter', json({ files: [{ codeSigning: signerJob }, { codeSigning: signerJob }] })),
            keep('startSigningJobParameter', 'awsSignerJobId', json({ files: [{ codeSigning: signerJob }, { codeSigning: job }] })),
          ],
        },
      ],
    },
  ],
});
