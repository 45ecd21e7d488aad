import type { Plugin } from '../../src/config/types.js';
import { defineRule } from '../../src/rules/define-rule.js';

/** One rule, `upper-id` (an otaUpdateId in lower case is an error), as the built-in plugin of a test linter. */
export const UPPER_ID_BUILTINS: Plugin = {
  meta: { name: 'otalint', version: '0.0.0' },
  rules: {
    'upper-id': defineRule({
      meta: { id: 'upper-id', description: 'd', category: 'identity', defaultSeverity: 'error', certainty: 'documented', messages: { lower: 'lower case' } },
      defaultOptions: {},
      check(context) {
        const id = context.request.otaUpdateId;
        if (typeof id === 'string' && id !== id.toUpperCase()) context.report({ path: ['otaUpdateId'], messageId: 'lower' });
      },
    }),
  },
  configs: {},
};
