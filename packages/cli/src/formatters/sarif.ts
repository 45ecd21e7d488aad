import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Severity } from '@otalint/core';
import { FINGERPRINT_KEY, identityHash, reservedId, type Diagnostic, type FileResult, type SuppressedDiagnostic } from '@otalint/core/engine';
import type { FormatContext, Formatter, RuleInfo } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/otalint/otalint';
const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
/** How often a rule's findings are true, from how sure its facts are (GitHub orders alerts by it). */
const PRECISION: Record<string, string> = { documented: 'very-high', observed: 'high', inferred: 'medium' };

/**
 * GitHub code scanning's upload limits ("SARIF support for code scanning"): a run with more
 * results is rejected, and a description longer than this is cut.
 */
export const GITHUB_LIMITS = { resultsPerRun: 25_000, descriptionLength: 1024 } as const;

type Level = 'error' | 'warning' | 'note';

interface RuleDescriptor {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: Level };
  readonly properties: { readonly tags: readonly string[]; readonly precision?: string; readonly 'problem.severity': string };
}

/**
 * SARIF 2.1.0, as GitHub code scanning uploads it: one run (code scanning rejects two runs of one
 * tool in one category), every rule the run knows in `tool.driver.rules` (the same list whatever
 * was found, as GitHub asks), each with its help and docs link, and one result per finding, with a
 * region of lines and UTF-16 columns from 1, its JSON pointer as a logical location, a URI relative
 * to `%SRCROOT%` (the repository root), and our fingerprint as `partialFingerprints`.
 */
export const sarif: Formatter = (results, context) => `${JSON.stringify(toSarifLog(results, context), null, 2)}\n`;

export function toSarifLog(results: readonly FileResult[], context: FormatContext) {
  const sourceRoot = context.sourceRoot ?? context.cwd;
  const rules = [...context.rules].map(([id, info]) => describeRule(id, info));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const indexOf = (message: Diagnostic): number => {
    let index = ruleIndex.get(message.ruleId);
    if (index === undefined) {
      index = rules.push(describeRule(message.ruleId, unlistedRule(message))) - 1;
      ruleIndex.set(message.ruleId, index);
    }
    return index;
  };

  const all = results.flatMap((result) => {
    const artifact = artifactLocation(result.filePath, context.cwd, sourceRoot);
    const fallback = fallbackFingerprints(result);
    const shown = result.messages.map((message) => toResult(message, artifact, indexOf(message), fallback(message)));
    // Waived findings stay in the log, marked suppressed, so code scanning shows them as closed.
    const waived = (result.suppressedMessages ?? []).map((message: SuppressedDiagnostic) => ({
      ...toResult(message, artifact, indexOf(message), fallback(message)),
      suppressions: message.suppressions.map((s) => ({ kind: s.kind, justification: s.justification })),
    }));
    return [...shown, ...waived];
  });
  const { kept, dropped } = withinResultLimit(all);

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
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(sourceRoot), description: { text: 'The root of the repository (or the folder otalint ran in).' } } },
        columnKind: 'utf16CodeUnits' as const,
        invocations: [
          {
            executionSuccessful: !results.some((result) => result.fatal),
            workingDirectory: { uri: folderUri(context.cwd) },
            ...(dropped > 0
              ? {
                  toolExecutionNotifications: [
                    {
                      level: 'warning' as const,
                      message: {
                        text: `${dropped} of ${all.length} results were left out: GitHub code scanning rejects a run with more than ${GITHUB_LIMITS.resultsPerRun} results. The errors are kept first; the JSON report (--format json) has every finding.`,
                      },
                    },
                  ],
                }
              : {}),
          },
        ],
        results: kept,
      },
    ],
  };
}

/**
 * What to say of an id the context does not list: the engine's own ids from their registry;
 * anything else (a plugin's source kind reporting its own id) as found.
 */
function unlistedRule(message: Diagnostic): RuleInfo {
  const reserved = reservedId(message.ruleId);
  if (reserved) return { description: reserved.description, docsUrl: reserved.docsUrl, defaultSeverity: reserved.defaultSeverity, category: 'engine' };
  return { description: `Reported by otalint as "${message.ruleId}".`, docsUrl: '', defaultSeverity: message.severity };
}

function describeRule(id: string, info: RuleInfo): RuleDescriptor {
  const description = clip(info.description);
  const severity = toSeverity(info.defaultSeverity);
  const text = [info.description, info.docs, info.docsUrl && `See ${info.docsUrl}`].filter(Boolean).join('\n\n');
  const markdown = [info.description, info.docs, info.docsUrl && `[Rule documentation](${info.docsUrl})`].filter(Boolean).join('\n\n');
  const precision = info.certainty === undefined ? undefined : PRECISION[info.certainty];
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: description },
    // No link without a page (a policy without docsUrl carries its definition as help instead).
    ...(info.docsUrl ? { helpUri: info.docsUrl } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['otalint', ...(info.category ? [info.category] : [])],
      ...(precision ? { precision } : {}),
      'problem.severity': PROBLEM_SEVERITY[severity],
    },
  };
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/**
 * Where a file is, as code scanning finds it in the repository: a URI relative to `%SRCROOT%`,
 * the repository root, so that results stay put whichever folder otalint ran in. A file outside
 * the root keeps an absolute file URI (code scanning cannot show it, but nothing is made up).
 */
function artifactLocation(filePath: string, cwd: string, sourceRoot: string): ArtifactLocation {
  const absolute = path.resolve(cwd, filePath);
  const relative = path.relative(sourceRoot, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function folderUri(folder: string): string {
  return pathToFileURL(folder.replace(/[\\/]?$/, path.sep)).href;
}

function toResult(message: Diagnostic, artifact: ArtifactLocation, ruleIndex: number, fingerprint: string) {
  return {
    ruleId: message.ruleId,
    ruleIndex,
    level: LEVEL[message.severity],
    message: { text: message.message },
    locations: [
      {
        physicalLocation: { artifactLocation: artifact, region: region(message) },
        ...(message.path ? { logicalLocations: [{ fullyQualifiedName: message.path }] } : {}),
      },
    ],
    // Code scanning tracks alerts by `primaryLocationLineHash`: ours, which follows the JSON
    // pointer and the value rather than the line, so an edit above a finding keeps its alert.
    partialFingerprints: { primaryLocationLineHash: fingerprint, [FINGERPRINT_KEY]: fingerprint },
    ...(message.fix
      ? {
          fixes: [
            {
              description: { text: `Fix: ${message.message}` },
              artifactChanges: [
                {
                  artifactLocation: artifact,
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

/** A region SARIF and code scanning accept whatever a source kind reported: lines and columns from 1, the end not before the start. */
function region(message: Diagnostic) {
  const startLine = Math.max(1, message.line);
  const startColumn = Math.max(1, message.column);
  const endLine = Math.max(startLine, message.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, message.endColumn) : Math.max(1, message.endColumn);
  return { startLine, startColumn, endLine, endColumn, charOffset: Math.max(0, message.offset), charLength: Math.max(0, message.length) };
}

/** A fingerprint for findings that have none (a result made outside the Linter), in the same recipe. */
function fallbackFingerprints(result: FileResult): (message: Diagnostic) => string {
  const seen = new Map<string, number>();
  return (message) => {
    if (message.fingerprint) return message.fingerprint;
    const identity = identityHash(message.ruleId, `${result.filePath}#${message.path}`, message.message);
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return `${identity}:${occurrence}`;
  };
}

/** At most GitHub's results per run, the most severe first and open findings before waived ones. */
function withinResultLimit<T extends { level: Level; suppressions?: unknown }>(results: readonly T[]): { kept: T[]; dropped: number } {
  if (results.length <= GITHUB_LIMITS.resultsPerRun) return { kept: [...results], dropped: 0 };
  const rank = (result: T) => (result.suppressions ? 3 : 0) + ({ error: 0, warning: 1, note: 2 } as const)[result.level];
  const order = results.map((result, index) => ({ result, index })).sort((a, b) => rank(a.result) - rank(b.result) || a.index - b.index);
  const keep = new Set(order.slice(0, GITHUB_LIMITS.resultsPerRun).map((entry) => entry.index));
  return { kept: results.filter((_, index) => keep.has(index)), dropped: results.length - keep.size };
}

function clip(text: string): string {
  return text.length <= GITHUB_LIMITS.descriptionLength ? text : `${text.slice(0, GITHUB_LIMITS.descriptionLength - 1)}…`;
}

function toSeverity(name: string): Severity {
  return name === 'warn' || name === 'warning' ? 'warning' : name === 'info' ? 'info' : 'error';
}
