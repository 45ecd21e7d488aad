import { defineRule, isString, valuesAt, type RunRequest } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'one-release-per-run',
    description: 'No two requests of a run ship a file of the same version.',
    category: 'files',
    defaultSeverity: 'warning',
    certainty: 'inferred',
    scope: 'run',
    reads: ['files'],
    unknownValues: 'checked',
    messages: { again: '`fileVersion` "{{version}}" is already shipped by {{other}}; give each release its own version.' },
  },
  defaultOptions: {},
  checkRun({ requests, report }) {
    const shippedBy = new Map<string, RunRequest>();
    for (const request of requests) {
      for (const version of valuesAt(request.value, 'files[].fileVersion', isString)) {
        const first = shippedBy.get(version.value);
        if (!first) shippedBy.set(version.value, request);
        else if (first !== request) report(request, { path: version.path, messageId: 'again', data: { version: version.value, other: first.filePath } });
      }
    }
  },
});
