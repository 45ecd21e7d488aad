import type { JsonPath } from '@otalint/core';
import { isUnknown, type Diagnostic as Finding, type RequestDocument, type SourceDocument, type Span } from '@otalint/core/engine';
import { docsSection, readDocsPage } from '../docs-page.js';
import type { RuleInfo } from '../formatters/types.js';
import { memberMarkdown, modelAt, modelDocs } from './model-docs.js';

/** Where an offset falls in a file's requests: on a member's name, or in a value. */
export interface PlaceInRequest {
  readonly request: RequestDocument;
  readonly path: JsonPath;
  readonly on: 'key' | 'value';
}

const contains = (span: Span, offset: number) => offset >= span.offset && offset <= span.offset + span.length;
const same = (a: Span, b: Span) => a.offset === b.offset && a.length === b.length;

/**
 * The member at an offset, for any source kind: descend the request's value by the spans its
 * document gives each member's name and value (a path not written falls back to its parent's
 * span, which never counts as a step down).
 */
export function placeAt(document: SourceDocument, offset: number): PlaceInRequest | undefined {
  // In code the request object may be declared away from the call that sends it (the span).
  const request = document.requests.find((candidate) => contains(candidate.span, offset) || contains(candidate.locate([], 'value'), offset));
  if (!request) return undefined;
  let path: JsonPath = [];
  let value: unknown = request.value;
  let span = request.locate([], 'value');
  for (;;) {
    if (value === null || typeof value !== 'object' || isUnknown(value)) break;
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    let inner: { path: JsonPath; value: unknown; span: Span } | undefined;
    for (const key of keys) {
      const child = [...path, key];
      if (typeof key === 'string') {
        const keySpan = request.locate(child, 'key');
        if (contains(keySpan, offset) && !same(keySpan, span) && keySpan.length < span.length) return { request, path: child, on: 'key' };
      }
      const valueSpan = request.locate(child, 'value');
      if (contains(valueSpan, offset) && !same(valueSpan, span) && valueSpan.length <= span.length) {
        inner = { path: child, value: (value as Record<string | number, unknown>)[key], span: valueSpan };
        break;
      }
    }
    if (!inner) break;
    ({ path, value, span } = inner);
  }
  return { request, path, on: 'value' };
}

/**
 * Hover text at an offset: the explanation of each finding there (what the rule checks, why, its
 * docs page), then the AWS model's documentation of the member there. Undefined when neither.
 */
export async function hoverMarkdown(
  document: SourceDocument,
  findings: readonly Finding[],
  offset: number,
  rules: ReadonlyMap<string, RuleInfo>,
): Promise<string | undefined> {
  const parts: string[] = [];
  const here = findings.filter((finding) => offset >= finding.offset && offset <= finding.offset + finding.length);
  for (const ruleId of new Set(here.map((finding) => finding.ruleId))) parts.push(await explainRule(ruleId, rules.get(ruleId)));
  const place = placeAt(document, offset);
  const node = place && modelAt(place.path);
  if (place && node && place.path.length > 0) parts.push(memberMarkdown(place.path, node, await modelDocs()));
  return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
}

/** A rule explained: its description, the "Why" of its docs page (or the docs it carries), the link. */
async function explainRule(ruleId: string, info: RuleInfo | undefined): Promise<string> {
  if (!info) return `**otalint \`${ruleId}\`**`;
  const page = info.docs ?? (await readDocsPage(ruleId, info.category === 'engine'));
  const why = page && (docsSection(page, 'Why') ?? (info.docs ? info.docs.trim() : undefined));
  const lines = [`**otalint \`${ruleId}\`**: ${info.description}`];
  if (why) lines.push('', why);
  lines.push('', `[Documentation](${info.docsUrl})`);
  return lines.join('\n');
}
