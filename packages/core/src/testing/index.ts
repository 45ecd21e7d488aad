export {
  caseText,
  checkInvalidCase,
  checkValidCase,
  lintWithRule,
  prepareCase,
  testRule,
  type CaseFormat,
  type CaseInput,
  type CaseLocalFiles,
  type ExpectedDiagnostic,
  type ExpectedSuggestion,
  type InvalidCase,
  type ValidCase,
} from './rule-tester.js';
export { lintRunWithRule, testRunRule, type InvalidRunCase, type RunCase, type RunFiles } from './run-rule-tester.js';
export { checkWithAccountRule, testAccountRule, type InvalidAccountCase, type ValidAccountCase } from './account-rule-tester.js';
