import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-unknown-option',
  description: 'Every word of an `aws iot create-ota-update` command is an option it knows or the value of one.',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
