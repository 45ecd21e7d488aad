export { caseText, lintWithRule, testRule, type CaseFormat, type CaseInput, type ExpectedDiagnostic, type InvalidCase, type ValidCase } from './rule-tester.js';
