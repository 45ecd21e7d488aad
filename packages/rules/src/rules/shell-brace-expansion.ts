import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'shell-brace-expansion',
  description: 'No unquoted `{a,b}` braces in a command-line value: bash splits such a word into several before the AWS CLI sees it.',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
