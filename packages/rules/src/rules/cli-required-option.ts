import { defineSourceRule } from '@otalint/core';

// Reported by the command-line reader (core/src/document/sources/shell/).
export default defineSourceRule({
  id: 'cli-required-option',
  description:
    'An `aws iot create-ota-update` command gives `--ota-update-id`, `--targets`, `--files` and `--role-arn` (or reads them from `--cli-input-json`).',
  category: 'command-line',
  defaultSeverity: 'error',
  certainty: 'observed',
  presets: ['recommended'],
});
