import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-shorthand-syntax',
  description: 'Shorthand values on the command line (`maximumPerMinute=10,exponentialRate={...}`) parse as the AWS CLI parses them.',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
