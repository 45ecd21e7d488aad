import { AWS_OPTION_SPEC } from '../aws/client-options.js';
import { LINT_OPTION_SPEC } from '../options.js';

/** submit understands every lint option that makes sense without --fix, plus its own. */
export const SUBMIT_OPTION_SPEC = {
  ...LINT_OPTION_SPEC,
  ...AWS_OPTION_SPEC,
  'dry-run': { type: 'boolean' },
  wait: { type: 'boolean' },
  'wait-timeout': { type: 'string' },
  'wait-interval': { type: 'string' },
  journal: { type: 'string' },
  bail: { type: 'boolean' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
} as const;

export const SUBMIT_FORMATS = ['stylish', 'json'] as const;
