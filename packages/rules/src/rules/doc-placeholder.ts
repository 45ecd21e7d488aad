import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'doc-placeholder',
  description: 'Placeholders in documentation commands (`<account-id>`, `YOUR_ROLE_ARN`) are named, and their values left unchecked.',
  category: 'command-line',
  defaultSeverity: 'info',
  certainty: 'inferred',
  presets: ['recommended'],
});
