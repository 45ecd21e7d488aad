import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/otaupdate-id-length.js';
import { rangeOf } from './support/position.js';

const jobIdTooLong = (length: number, max = 56) =>
  `\`otaUpdateId\` has ${length} characters, so its job id AFR_OTA-<otaUpdateId> has ${length + 8}, over the 64 allowed for IoT job ids. Shorten it to at most ${max} characters.`;
const agentRejects = (length: number, max = 56) =>
  `\`otaUpdateId\` has ${length} characters, so its job id AFR_OTA-<otaUpdateId> has ${length + 8}: FreeRTOS OTA agents reject job ids over 72 characters, so devices would never run it. Shorten it to at most ${max} characters.`;
const overMax = (length: number, max: number) =>
  `\`otaUpdateId\` has ${length} characters, over the ${max} this project allows (the rule's \`max\` option). Shorten it to at most ${max} characters.`;
const json = (length: number) => `{"otaUpdateId": "${'a'.repeat(length)}"}`;
const at = (length: number) => rangeOf(json(length), `"${'a'.repeat(length)}"`);

testRule(rule, {
  valid: [
    { name: '56 (job id 64)', code: json(56) },
    { name: 'short', code: json(1) },
    { name: 'a higher max', code: json(60), options: { max: 64 } },
    { name: "a max above what agents accept is the project's choice", code: json(70), options: { max: 100 } },
  ],
  invalid: [
    { name: '57', code: json(57), errors: [{ message: jobIdTooLong(57), ...at(57), path: '/otaUpdateId' }] },
    { name: '64 (job id 72, still accepted by agents)', code: json(64), errors: [{ message: jobIdTooLong(64), ...at(64) }] },
    { name: '65 (job id 73: agents reject)', code: json(65), errors: [{ message: agentRejects(65), ...at(65) }] },
    {
      name: 'a lower max: the message names it, not the job id limit',
      code: json(40),
      options: { max: 32 },
      errors: [{ message: overMax(40, 32), ...at(40) }],
    },
    { name: 'max 10', code: json(11), options: { max: 10 }, errors: [{ message: overMax(11, 10), ...at(11) }] },
    { name: 'a lower max, and over the job id limit too', code: json(60), options: { max: 32 }, errors: [{ message: jobIdTooLong(60, 32), ...at(60) }] },
  ],
});
