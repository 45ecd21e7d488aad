import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-binary-format',
  description:
    'No `--cli-binary-format raw-in-base64-out` on a command line that writes `signature.inlineDocument`: the AWS CLI would base64-encode the base64 signature again.',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
