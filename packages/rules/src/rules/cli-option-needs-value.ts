import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-option-needs-value',
  description: 'Every option of an `aws iot create-ota-update` command that takes a value has one.',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
