export { caseText, lintWithRule, testRule, type CaseInput, type ExpectedDiagnostic, type InvalidCase, type ValidCase } from './rule-tester.js';
