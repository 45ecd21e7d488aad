import {
  childObject,
  defineRule,
  fileEntries,
  isAbsent,
  isObject,
  isOpen,
  isPresent,
  SIGNING_METHODS,
  type SigningMethod,
  type ValueEdit,
} from '@otalint/core';

/**
 * A request copied from `get-ota-update` output carries empty siblings such as
 * `"customCodeSigning": {}`; those are certain leftovers, so removing them is a fix. Two real
 * methods need a person to choose which to keep: suggestions only.
 */
export default defineRule({
  meta: {
    id: 'single-signing-method',
    description: 'Each file uses exactly one code-signing method: `awsSignerJobId`, `startSigningJobParameter` or `customCodeSigning`.',
    category: 'signing',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      several: '`codeSigning` names {{count}} signing methods ({{methods}}); a file is signed one way. Keep exactly one of them.',
      emptyLeftover: '`{{method}}` is an empty object beside `{{used}}`, as `get-ota-update` output echoes it; remove it so the file names one signing method.',
      keepOnly: 'Keep only `{{method}}` (remove {{others}}).',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const codeSigning = childObject(file, 'codeSigning');
      if (!codeSigning) continue;
      // Most files name one method: counted before any list is made.
      let named = 0;
      for (const method of SIGNING_METHODS) if (isPresent(codeSigning.value, method)) named++;
      if (named < 2) continue;
      const present = SIGNING_METHODS.filter((method) => isPresent(codeSigning.value, method));
      const written = (method: SigningMethod) => {
        const value = codeSigning.value[method];
        return !isObject(value) || Object.keys(value).length > 0;
      };
      const empty = present.filter((method) => !written(method) && !isOpen(codeSigning.value[method]));
      const used = present.filter(written);
      // A method known only at run time, from a spread, or an empty object with a spread, may be a
      // real one: then the empty ones are leftovers, not a choice to make.
      const undecided = SIGNING_METHODS.some((method) => !isAbsent(codeSigning.value, method) && !used.includes(method) && !empty.includes(method));

      if (used.length > 0) {
        for (const method of empty) {
          const path = [...codeSigning.path, method];
          context.report({
            path,
            target: 'key',
            messageId: 'emptyLeftover',
            data: { method, used: used.join('`, `') },
            fix: [{ kind: 'remove', path }],
          });
        }
      }
      // Only empty objects (no real method), or several real ones: a person must choose.
      const candidates = used.length > 0 ? used : undecided ? [] : empty;
      if (candidates.length < 2) continue;
      context.report({
        path: codeSigning.path,
        target: 'key',
        messageId: 'several',
        data: { count: candidates.length, methods: candidates.join(', ') },
        suggestions: candidates.map((keep) => {
          const others = present.filter((method) => method !== keep);
          const edits: ValueEdit[] = others.map((method) => ({ kind: 'remove', path: [...codeSigning.path, method] }));
          return { messageId: 'keepOnly', data: { method: keep, others: others.map((o) => `\`${o}\``).join(', ') }, edits };
        }),
      });
    }
  },
});
