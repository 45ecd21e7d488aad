import { testRunRule } from '@otalint/core/testing';
import rule from './one-release-per-run.js';

const release = (version: string) => `{"files": [{"fileVersion": "${version}"}]}\n`;

testRunRule(rule, {
  valid: [{ name: 'two versions', files: { 'a.json': release('1.5.0'), 'b.json': release('1.6.0') } }],
  invalid: [
    {
      name: 'one version twice',
      files: { 'a.json': release('1.5.0'), 'b.json': release('1.5.0') },
      errors: [
        {
          file: 'b.json',
          message: '`fileVersion` "1.5.0" is already shipped by a.json; give each release its own version.',
          line: 1,
          column: 28,
          endLine: 1,
          endColumn: 35,
        },
      ],
    },
  ],
});
