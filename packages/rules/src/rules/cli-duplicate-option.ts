import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-duplicate-option',
  description: 'No parameter is given twice on an `aws iot create-ota-update` command line.',
  category: 'command-line',
  defaultSeverity: 'warning',
  certainty: 'observed',
  presets: ['recommended'],
});
