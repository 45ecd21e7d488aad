import type { JsonPath } from '@otalint/core';
import { displayPath, MODEL_SCHEMA, MODEL_VERSION, schemaAt, type SchemaNode } from '@otalint/core/engine';
import { readCoreSchemaFile } from '../core-schema.js';

/** The generated schema also carries the list bounds, which SchemaNode leaves out. */
interface ModelNode extends SchemaNode {
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** The model's node for a member of the request, or undefined when the path leaves the model. */
export function modelAt(path: JsonPath): SchemaNode | undefined {
  return schemaAt(MODEL_SCHEMA, path);
}

/** Whether the member named last in the path is required by the object that holds it. */
function isRequired(path: JsonPath): boolean {
  const last = path.at(-1);
  return typeof last === 'string' && (modelAt(path.slice(0, -1))?.required?.includes(last) ?? false);
}

/** The type as the API reference writes it: `string`, `list of string`, `OTAUpdateFile` (an object). */
export function typeName(node: SchemaNode): string {
  if (node.type === 'array') return `list of ${node.items ? typeName(node.items) : 'values'}`;
  if (node.type === 'object') return node['x-shape'] ?? 'object';
  return node.type ?? 'value';
}

/** The node's limits, as sentences. */
export function limitsOf(node: ModelNode): string[] {
  const out: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string) => {
    if (min !== undefined && max !== undefined) out.push(`${min} to ${max}${unit}`);
    else if (min !== undefined) out.push(`at least ${min}${unit}`);
    else if (max !== undefined) out.push(`at most ${max}${unit}`);
  };
  range(node.minimum, node.maximum, '');
  range(node.minLength, node.maxLength, ' characters');
  range(node.minItems, node.maxItems, ' items');
  if (node.pattern) out.push(`matches \`${node.pattern}\``);
  const values = node.enum ?? node.items?.enum;
  if (values) out.push(`one of ${values.map((value) => `\`${value}\``).join(', ')}`);
  return out;
}

/** Each member's whole documentation in the model, as Markdown, by `docsKey`. */
export type MemberDocs = Readonly<Record<string, string>>;

let memberDocs: Promise<MemberDocs> | undefined;

/** The members' documentation (generated from botocore with the schema: create-ota-update.docs.json), read once. */
export function modelDocs(): Promise<MemberDocs> {
  memberDocs ??= readCoreSchemaFile<{ members: MemberDocs }>('create-ota-update.docs.json').then(
    (file) => file.members,
    () => ({}),
  );
  return memberDocs;
}

/** The key of a member in the docs file: `files[].fileLocation.s3Location` (`[]` a list's items, `{}` a map's values). */
export function docsKey(path: JsonPath): string {
  let key = '';
  let node: SchemaNode | undefined = MODEL_SCHEMA;
  for (const step of path) {
    const member: SchemaNode | undefined = node?.properties?.[String(step)];
    if (node?.type === 'array') {
      key += '[]';
      node = node.items;
    } else if (member) {
      key += key === '' ? String(step) : `.${String(step)}`;
      node = member;
    } else {
      key += '{}';
      node = typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined;
    }
  }
  return key;
}

/**
 * Markdown for a member: its name, type and shape, whether required, the model's documentation
 * (whole, from `docs`; else the schema's first sentence) and its limits.
 */
export function memberMarkdown(path: JsonPath, node: SchemaNode, docs: MemberDocs): string {
  const name = path.length === 0 ? 'CreateOTAUpdateRequest' : displayPath(path);
  const lines = [`**\`${name}\`** · ${typeName(node)}${isRequired(path) ? ' · required' : ''}`];
  const text = docs[docsKey(path)] ?? node.description;
  if (text) lines.push('', text);
  const limits = limitsOf(node);
  if (limits.length > 0) lines.push('', `Limits: ${limits.join('; ')}.`);
  lines.push('', `_AWS IoT API model, shape \`${node['x-shape'] ?? '?'}\` (botocore ${MODEL_VERSION.botocore})_`);
  return lines.join('\n');
}
