import type { Severity } from '@otalint/core';
import { RESERVED_IDS, RESERVED_RULE_IDS, type Diagnostic as Finding } from '@otalint/core/engine';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleInfo } from '../formatters/types.js';

export const SOURCE = 'otalint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a published diagnostic carries back in a code action request: which finding of which version it is. */
export interface DiagnosticData {
  readonly version: number;
  readonly index: number;
}

/** The range of a span of the text, in the UTF-16 positions LSP counts. */
export function rangeOf(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

/** A finding as an LSP diagnostic: its rule as the code, linked to the rule's docs page. */
export function toDiagnostic(finding: Finding, index: number, document: TextDocument, rules: ReadonlyMap<string, RuleInfo>): Diagnostic {
  const href = rules.get(finding.ruleId)?.docsUrl;
  const data: DiagnosticData = { version: document.version, index };
  return {
    range: rangeOf(document, finding.offset, finding.length),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
    data,
  };
}

/** The one diagnostic a file gets when the config that applies to it cannot be loaded. */
export function configErrorDiagnostic(message: string): Diagnostic {
  return fileDiagnostic('invalid-config', `otalint cannot lint this file: invalid config: ${message}`);
}

/** The one diagnostic a file gets when its lint was stopped (it never finished, or the lint thread died). */
export function stoppedDiagnostic(message: string): Diagnostic {
  const href = RESERVED_IDS.find((entry) => entry.id === RESERVED_RULE_IDS.internal)?.docsUrl;
  return { ...fileDiagnostic(RESERVED_RULE_IDS.internal, message), ...(href ? { codeDescription: { href } } : {}) };
}

/** An error about the whole file, at its start. */
function fileDiagnostic(code: string, message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code,
    message,
  };
}
