import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-binary-param-file',
  description: 'A parameter read from a file (`--files file://files.json`) names a text file of JSON or shorthand, not the firmware image or raw bytes.',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
