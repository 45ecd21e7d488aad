/**
 * The skeleton the AWS CLI's `--generate-cli-skeleton` prints, built from a JSON Schema of an
 * API shape (botocore's ArgumentGenerator, followed rule for rule): members in model order;
 * strings empty, or the first enum value, or (for output) the member name; integers 0, floats
 * 0.0, booleans true, blobs null; one item per list; maps as { "KeyName": value }.
 */

import type { SchemaNode } from '@otalint/core';

export type { SchemaNode };

export type SkeletonNode =
  | { readonly kind: 'object'; readonly members: readonly SkeletonMember[] }
  | { readonly kind: 'list'; readonly item: SkeletonNode }
  | { readonly kind: 'map'; readonly value: SkeletonNode }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'integer' | 'float' | 'boolean' | 'blob' | 'timestamp' };

export interface SkeletonMember {
  readonly name: string;
  readonly required: boolean;
  readonly description: string | undefined;
  /** Only for a member that is itself an enum string (a list of enums gets none, as in the CLI). */
  readonly enum: readonly string[] | undefined;
  readonly node: SkeletonNode;
}

export interface BuildOptions {
  /** Shapes that are blobs although the schema types them as (base64) strings. */
  readonly blobShapes?: ReadonlySet<string>;
  /** Output skeletons fill strings with their member name, as the CLI's stubbed response does. */
  readonly useMemberNames?: boolean;
}

export function buildSkeleton(schema: SchemaNode, options: BuildOptions = {}): SkeletonNode {
  return node(schema, '', options);
}

function node(schema: SchemaNode, name: string, options: BuildOptions): SkeletonNode {
  switch (schema.type) {
    case 'object':
      if (schema.properties) {
        const required = new Set(schema.required ?? []);
        return {
          kind: 'object',
          members: Object.entries(schema.properties).map(([member, child]) => ({
            name: member,
            required: required.has(member),
            description: child.description,
            enum: child.type === 'string' ? child.enum : undefined,
            node: node(child, member, options),
          })),
        };
      }
      if (typeof schema.additionalProperties === 'object') return { kind: 'map', value: node(schema.additionalProperties, '', options) };
      return { kind: 'object', members: [] };
    case 'array':
      return { kind: 'list', item: schema.items ? node(schema.items, schema.items['x-shape'] ?? '', options) : { kind: 'string', value: '' } };
    case 'integer':
      return { kind: 'integer' };
    case 'number':
      return { kind: 'float' };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      if (schema.contentEncoding === 'base64' || options.blobShapes?.has(schema['x-shape'] ?? '')) return { kind: 'blob' };
      if (schema.format === 'date-time') return { kind: 'timestamp' };
      if (options.useMemberNames) return { kind: 'string', value: name };
      return { kind: 'string', value: schema.enum?.[0] ?? '' };
  }
}
