import { RESERVED_RULE_IDS, type Diagnostic, type FileResult } from '@otalint/core/engine';
import { relativeTo } from '../paths.js';
import type { Formatter } from './types.js';

/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps): one test suite per file, one
 * test case per finding. Errors are failures, an unreadable file or crashed rule is an error
 * (so the report agrees with the exit code); warnings and infos are passing cases that carry
 * the finding as output. A clean file is one passing case, so every linted file shows up.
 */
export const junit: Formatter = (results, context) => {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites: string[] = [];
  for (const result of results) {
    const file = relativeTo(context.cwd, result.filePath);
    const cases =
      result.messages.length > 0
        ? result.messages.map((m) => testCase(file, m, result))
        : [`    <testcase name="${attr(file)}" classname="${attr(file)}" file="${attr(file)}"/>`];
    const suiteFailures = result.messages.filter((m) => kind(m, result) === 'failure').length;
    const suiteErrors = result.messages.filter((m) => kind(m, result) === 'error').length;
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="otalint" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

type CaseKind = 'failure' | 'error' | 'pass';

/** Fatal results (a crash, an unreadable file) are the run's errors; lint errors are failures. */
function kind(message: Diagnostic, result: FileResult): CaseKind {
  if (message.severity !== 'error') return 'pass';
  return result.fatal && (message.ruleId === RESERVED_RULE_IDS.internal || message.ruleId === RESERVED_RULE_IDS.unreadable) ? 'error' : 'failure';
}

function testCase(file: string, m: Diagnostic, result: FileResult): string {
  const place = `${file}:${m.line}:${m.column}`;
  const detail = `${place} ${m.severity} ${m.message} (${m.ruleId})${m.path ? ` at ${m.path}` : ''}`;
  const open = `    <testcase name="${attr(`${m.ruleId} ${m.path || '/'} (${m.line}:${m.column})`)}" classname="${attr(file)}" file="${attr(file)}" line="${m.line}">`;
  const k = kind(m, result);
  const body =
    k === 'pass'
      ? `      <system-out>${text(detail)}</system-out>`
      : `      <${k} type="${attr(m.ruleId)}" message="${attr(m.message)}">${text(detail)}</${k}>`;
  return `${open}\n${body}\n    </testcase>`;
}

/** XML 1.0 cannot hold most control characters even escaped: drop them. */
function clean(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
