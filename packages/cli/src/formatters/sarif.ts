import { pathToFileURL } from 'node:url';
import { type Severity } from '@otalint/core';
import { FINGERPRINT_KEY, type Diagnostic, type FileResult } from '@otalint/core/engine';
import { relativeTo } from '../paths.js';
import type { FormatContext, Formatter, RuleInfo } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/otalint/otalint';
const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface RuleDescriptor {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly help?: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' | 'note' };
}

/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it: one run, the rules that
 * were reported (description, help link), and one result per finding with its region in UTF-16
 * columns, its JSON pointer as a logical location, and our fingerprint in `partialFingerprints`.
 */
export const sarif: Formatter = (results, context) => `${JSON.stringify(toSarifLog(results, context), null, 2)}\n`;

export function toSarifLog(results: readonly FileResult[], context: FormatContext) {
  const rules: RuleDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (ruleId: string, severity: Severity): number => {
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      index = rules.push(describeRule(ruleId, severity, context)) - 1;
      ruleIndex.set(ruleId, index);
    }
    return index;
  };

  const sarifResults = results.flatMap((result) => {
    const uri = relativeTo(context.cwd, result.filePath).split('/').map(encodeURIComponent).join('/');
    const shown = result.messages.map((message) => toResult(message, uri, indexOf(message.ruleId, message.severity)));
    // Waived findings stay in the log, marked suppressed, so code scanning shows them as closed.
    const waived = (result.suppressedMessages ?? []).map((message) => ({
      ...toResult(message, uri, indexOf(message.ruleId, message.severity)),
      suppressions: message.suppressions.map((s) => ({ kind: s.kind, justification: s.justification })),
    }));
    return [...shown, ...waived];
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'otalint',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${context.cwd.replace(/[\\/]?$/, '/')}`).href } },
        columnKind: 'utf16CodeUnits' as const,
        invocations: [{ executionSuccessful: !results.some((result) => result.fatal) }],
        results: sarifResults,
      },
    ],
  };
}

function describeRule(ruleId: string, severity: Severity, context: FormatContext): RuleDescriptor {
  const info = context.rules.get(ruleId);
  const description = info?.description ?? `Reported by otalint as "${ruleId}".`;
  const level = LEVEL[info ? toSeverity(info.defaultSeverity) : severity];
  return {
    id: ruleId,
    shortDescription: { text: description },
    ...(info ? ruleHelp(description, info) : {}),
    defaultConfiguration: { level },
  };
}

/** A rule's help: its docs link and, for rules that carry their docs (policies), the docs themselves. */
function ruleHelp(description: string, info: RuleInfo): Pick<RuleDescriptor, 'helpUri' | 'help'> {
  if (!info.docsUrl && !info.docs) return {};
  const text = [description, info.docs, info.docsUrl && `See ${info.docsUrl}`].filter(Boolean).join('\n\n');
  const markdown = [description, info.docs, info.docsUrl && `[Rule documentation](${info.docsUrl})`].filter(Boolean).join('\n\n');
  return { ...(info.docsUrl ? { helpUri: info.docsUrl } : {}), help: { text, markdown } };
}

function toResult(message: Diagnostic, uri: string, ruleIndex: number) {
  const artifactLocation = { uri, uriBaseId: SRCROOT };
  return {
    ruleId: message.ruleId,
    ruleIndex,
    level: LEVEL[message.severity],
    message: { text: message.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: {
            startLine: message.line,
            startColumn: message.column,
            endLine: message.endLine,
            endColumn: message.endColumn,
            charOffset: message.offset,
            charLength: message.length,
          },
        },
        ...(message.path ? { logicalLocations: [{ fullyQualifiedName: message.path }] } : {}),
      },
    ],
    ...(message.fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: message.fingerprint } } : {}),
    ...(message.fix
      ? {
          fixes: [
            {
              description: { text: `Fix: ${message.message}` },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: message.fix.edits.map((edit) => ({
                    deletedRegion: { charOffset: edit.offset, charLength: edit.length },
                    insertedContent: { text: edit.text },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

function toSeverity(name: string): Severity {
  return name === 'warn' || name === 'warning' ? 'warning' : name === 'info' ? 'info' : 'error';
}
