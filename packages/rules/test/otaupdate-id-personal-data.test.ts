import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/otaupdate-id-personal-data.js';
import { rangeOf } from './support/position.js';

const message = (kind: string, match: string) =>
  `\`otaUpdateId\` contains what looks like ${kind} ("${match}"); AWS asks not to put personal data in resource ids, which appear in logs and job ids. Use a neutral id such as a firmware name and version.`;
const json = (id: string) => `{"otaUpdateId": "${id}"}`;
const invalid = (id: string, kind: string, match: string) => ({
  name: id,
  code: json(id),
  errors: [{ message: message(kind, match), ...rangeOf(json(id), `"${id}"`) }],
});

testRule(rule, {
  valid: [
    { name: 'version with dashes', code: json('fw-1-4-2') },
    { name: 'four numbers over 255', code: json('build-300-1-2-3') },
    { name: 'date', code: json('ota-2024-01-15') },
  ],
  invalid: [
    invalid('gw-192-168-1-10', 'an IP address', '192-168-1-10'),
    invalid('fw_10_0_0_1', 'an IP address', '10_0_0_1'),
    invalid('jane.doe@example.com', 'an email address', 'jane.doe@example.com'),
  ],
});
