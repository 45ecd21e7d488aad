import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-param-file-missing',
  description: 'A `file://` value of a command names a file that is there, next to the script, so otalint can check it.',
  category: 'command-line',
  defaultSeverity: 'info',
  certainty: 'inferred',
  presets: ['recommended'],
});
