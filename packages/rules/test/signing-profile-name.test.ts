import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signing-profile-name.js';
import { json, withFile } from './support/json.js';
import { rangeOf, rangeOfValue } from './support/position.js';

const PATTERN = 'AWS Signer profile names match ^[a-zA-Z0-9_]{2,64}$ (letters, digits and underscores, 2 to 64 of them).';
const invalid = (name: string, problem: string) => `\`signingProfileName\` "${name}" ${problem}; ${PATTERN}`;
const HYPHEN = 'contains a hyphen, which Signer does not allow (use an underscore)';
const named = (signingProfileName: unknown) => withFile({ codeSigning: { startSigningJobParameter: { signingProfileName } } });

const hyphen = json(named('my-ota-profile'));
const dot = json(named('ota.profile'));
const tooShort = json(named('a'));
const longName = 'p'.repeat(65);
const tooLong = json(named(longName));
const MISSING =
  '`startSigningJobParameter` has no `signingProfileName`; AWS Signer signs with a named profile (an existing one, or one this request creates with `signingProfileParameter`). Add `"signingProfileName": "<name>"` (letters, digits and underscores).';
const unnamed = json(withFile({ codeSigning: { startSigningJobParameter: { destination: { s3Destination: { bucket: 'afr-ota' } } } } }));
const yamlNamed = (name: string) => `files:\n  - codeSigning:\n      startSigningJobParameter:\n        signingProfileName: ${name}\n`;
const yaml = yamlNamed('ota-profile');
const use = (name: string, output: string) => ({ message: `Use "${name}" (Signer finds or creates the profile by this name).`, output });

testRule(rule, {
  valid: [
    { name: 'underscores', request: named('my_ota_profile') },
    { name: 'two characters (the minimum)', request: named('ab') },
    { name: '64 characters (the maximum)', request: named('p'.repeat(64)) },
    {
      name: "an empty leftover beside a Signer job is single-signing-method's",
      request: withFile({ codeSigning: { awsSignerJobId: 'j', startSigningJobParameter: {} } }),
    },
    { name: "a wrong type is the model check's", request: named(5) },
  ],
  invalid: [
    {
      name: 'hyphens: suggest underscores',
      code: hyphen,
      errors: [
        {
          message: invalid('my-ota-profile', HYPHEN),
          ...rangeOf(hyphen, '"my-ota-profile"'),
          path: '/files/0/codeSigning/startSigningJobParameter/signingProfileName',
          suggestions: [use('my_ota_profile', json(named('my_ota_profile')))],
        },
      ],
    },
    {
      name: 'a dot',
      code: dot,
      errors: [
        {
          message: invalid('ota.profile', 'contains ".", which Signer does not allow'),
          ...rangeOf(dot, '"ota.profile"'),
          suggestions: [use('ota_profile', json(named('ota_profile')))],
        },
      ],
    },
    {
      name: 'one character: no suggestion',
      code: tooShort,
      errors: [{ message: invalid('a', 'is 1 character long, under the minimum of 2'), ...rangeOf(tooShort, '"a"'), suggestions: [] }],
    },
    {
      name: '65 characters',
      code: tooLong,
      errors: [{ message: invalid(longName, 'is 65 characters long, over the maximum of 64'), ...rangeOf(tooLong, `"${longName}"`) }],
    },
    {
      name: 'no name',
      code: unnamed,
      errors: [
        { message: MISSING, ...rangeOfValue(unnamed, 'startSigningJobParameter'), path: '/files/0/codeSigning/startSigningJobParameter/signingProfileName' },
      ],
    },
    {
      name: 'YAML',
      code: yaml,
      errors: [
        {
          message: invalid('ota-profile', HYPHEN),
          ...rangeOf(yaml, 'ota-profile'),
          suggestions: [use('ota_profile', yamlNamed('ota_profile'))],
        },
      ],
    },
  ],
});
