import path from 'node:path';
import { isSuppressibleId, SUPPRESSION_RULE_IDS, type Diagnostic as Finding, type Linter, type TextEdit as OffsetEdit } from '@otalint/core/engine';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf, SOURCE, type DiagnosticData } from './diagnostics.js';
import type { LintedResult } from './lint-worker.js';
import { suppressionEdit } from './suppression-edit.js';

/** The kind of the "fix all" action, for `editor.codeActionsOnSave` and the like. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.otalint`;

/** A document's last lint, with the linter of its folder (for what config says of suppressions). */
export interface Linted {
  readonly result: LintedResult;
  readonly linter: Linter;
  readonly root: string;
  readonly filePath: string;
}

/**
 * The code actions for the diagnostics in a request: each finding's fix and suggestions, a
 * suppression in config for it, and, when anything in the file can be fixed, "fix all".
 * Nothing for diagnostics of another version of the document (the client must ask again).
 * `fixedText` is the text with every certain fix applied (the lint thread makes it), asked for
 * only when "fix all" is offered.
 */
export async function codeActions(
  linted: Linted,
  document: TextDocument,
  params: CodeActionParams,
  openText: (file: string) => string | undefined,
  fixedText: () => Promise<string | undefined>,
): Promise<CodeAction[]> {
  const only = params.context.only;
  const wants = (kind: string) => only === undefined || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingOf(linted, document, diagnostic);
      if (!finding) continue;
      actions.push(...(await findingActions(linted, document, finding, diagnostic, openText)));
    }
  }
  const offersFixAll = (wants(CodeActionKind.QuickFix) && actions.length > 0) || (only !== undefined && wants(FIX_ALL_KIND));
  const fixAll = offersFixAll && linted.result.messages.some((message) => message.fix) ? fixAllEdit(document, await fixedText()) : undefined;
  if (fixAll && wants(CodeActionKind.QuickFix) && actions.length > 0) {
    actions.push({ title: 'Fix all otalint problems in this file', kind: CodeActionKind.QuickFix, edit: fixAll });
  }
  if (fixAll && only !== undefined && wants(FIX_ALL_KIND)) actions.push({ title: 'Fix all otalint problems', kind: FIX_ALL_KIND, edit: fixAll });
  return actions;
}

/** The finding a diagnostic we published stands for, when it is of this version of the text. */
function findingOf(linted: Linted, document: TextDocument, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data?.version !== document.version || typeof data.index !== 'number') return undefined;
  return linted.result.messages[data.index];
}

async function findingActions(
  linted: Linted,
  document: TextDocument,
  finding: Finding,
  diagnostic: Diagnostic,
  openText: (file: string) => string | undefined,
): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  if (finding.fix) {
    actions.push({
      title: `Fix this ${finding.ruleId} problem`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: documentEdit(document, finding.fix.edits),
    });
  }
  for (const suggestion of finding.suggestions ?? []) {
    actions.push({ title: suggestion.message, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(document, suggestion.fix.edits) });
  }
  if (canSuppress(linted, finding.ruleId)) {
    const configFile = linted.linter.config.configFile;
    const edit = await suppressionEdit({
      configFile,
      root: linted.root,
      file: path.resolve(linted.root, linted.filePath),
      rule: finding.ruleId,
      pointer: finding.path,
      openText,
    });
    if (edit) {
      const where = finding.path === '' ? 'this file' : finding.path;
      actions.push({
        title: `Disable ${finding.ruleId} for ${where} (suppression in ${configFile ? path.basename(configFile) : '.otalintrc.json'})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit,
      });
    }
  }
  return actions;
}

/** Whether a config suppression may waive this id here: rules and duplicate-key, unless locked. */
function canSuppress(linted: Linted, ruleId: string): boolean {
  return (
    isSuppressibleId(ruleId, linted.linter.config.rules) &&
    !(Object.values(SUPPRESSION_RULE_IDS) as string[]).includes(ruleId) &&
    !linted.linter.unsuppressibleRules(linted.filePath).has(ruleId)
  );
}

/** Every certain fix (the text `--fix` would write), as one edit of the changed stretch. */
function fixAllEdit(document: TextDocument, text: string | undefined): WorkspaceEdit | undefined {
  const before = document.getText();
  if (text === undefined || text === before) return undefined;
  let start = 0;
  while (start < before.length && start < text.length && before[start] === text[start]) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < before.length - start && end < text.length - start && before[before.length - 1 - end] === text[text.length - 1 - end]) end++;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - end - 1))) end--;
  return documentEdit(document, [{ offset: start, length: before.length - end - start, text: text.slice(start, text.length - end) }]);
}

/** Edits never split a character outside the Basic Multilingual Plane (two UTF-16 units). */
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function documentEdit(document: TextDocument, edits: readonly OffsetEdit[]): WorkspaceEdit {
  return {
    documentChanges: [
      {
        textDocument: { uri: document.uri, version: document.version },
        edits: edits.map((edit) => ({ range: rangeOf(document, edit.offset, edit.length), newText: edit.text })),
      },
    ],
  };
}
