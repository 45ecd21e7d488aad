/**
 * Validation of a CreateOTAUpdate request against the official AWS IoT API model.
 *
 * The model is turned into a JSON Schema by scripts/generate-schema.mjs (committed in
 * packages/core/schema/) and precompiled by scripts/build-validator.mjs into
 * ./generated/validate-request.ts: nothing is compiled at run time. The same script generates
 * `isCertainlyValidRequest` there, straight-line code for the common case, a valid request; ajv
 * runs only where that cannot vouch for one. schema-problems.ts rewrites ajv's raw errors into one
 * actionable problem per path.
 */
import type { JsonPath } from '../diagnostic.js';
import { isCertainlyValidRequest, MODEL_API_VERSION, MODEL_BOTOCORE_VERSION, requestSchema, validateRequest } from './generated/validate-request.js';
import { type SchemaNode, displayPath, schemaAt } from './model-format.js';
import { describeSchemaErrors, type SchemaProblem, type WordingOptions } from './schema-problems.js';

export type ModelProblem = SchemaProblem;
export type ModelCheckOptions = WordingOptions;

/** The model the schema was generated from. */
export const MODEL_VERSION: { readonly botocore: string; readonly apiVersion: string } = Object.freeze({
  botocore: MODEL_BOTOCORE_VERSION,
  apiVersion: MODEL_API_VERSION,
});

/** The request's JSON Schema, generated from the model: for naming and phrasing request values. */
export const MODEL_SCHEMA = requestSchema as SchemaNode;
const root = MODEL_SCHEMA;

/**
 * Checks a request (the parsed value of a request file) against the AWS API model.
 * Returns one problem per path, in document order. Never throws on odd input.
 */
export function checkAgainstModel(request: unknown, options: ModelCheckOptions = {}): ModelProblem[] {
  // Most requests are valid: ajv, and the phrasing of its errors, only for one that may not be.
  if (isCertainlyValidRequest(request) || validateRequest(request)) return [];
  return describeSchemaErrors(request, validateRequest.errors ?? [], {
    format: options.format,
    sourceText: (path) => options.sourceText?.(path),
    requestSchema: root,
    schemaFor,
    membersOf,
    homeOf,
  });
}

function schemaFor(_error: unknown, path: JsonPath): SchemaNode | undefined {
  return schemaAt(root, path);
}

/** Each schema object's member names, listed once: the wording remembers its guesses per list. */
const memberLists = new WeakMap<SchemaNode, readonly string[]>();
const NO_MEMBERS: readonly string[] = [];

function membersOf(_error: unknown, parentPath: JsonPath): readonly string[] {
  const node = schemaAt(root, parentPath);
  if (!node?.properties) return NO_MEMBERS;
  let members = memberLists.get(node);
  if (!members) memberLists.set(node, (members = Object.keys(node.properties)));
  return members;
}

/** Where a member of an enclosing structure belongs when put one level too deep (e.g. maximumPerMinute inside exponentialRate, as one AWS docs page shows). */
function homeOf(key: string, parentPath: JsonPath): string | undefined {
  for (let depth = parentPath.length - 1; depth >= 0; depth--) {
    const ancestor = parentPath.slice(0, depth);
    const ancestorSchema = schemaAt(root, ancestor);
    if (ancestorSchema?.type === 'object' && ancestorSchema.properties && key in ancestorSchema.properties) {
      return ancestor.length === 0 ? 'the request itself' : `\`${displayPath(ancestor)}\``;
    }
  }
  return undefined;
}
