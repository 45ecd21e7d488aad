/**
 * Validation of a CreateOTAUpdate request against the official AWS IoT API model.
 *
 * The model is turned into a JSON Schema by scripts/generate-schema.mjs (committed in
 * packages/core/schema/) and precompiled by scripts/build-validator.mjs into
 * ./generated/validate-request.ts: nothing is compiled at run time. This module runs that
 * validator and rewrites ajv's raw errors into one actionable problem per path.
 */
import type { JsonPath, Target, ValueEdit } from '../diagnostic.js';
import type { ValueSyntax } from '../document/types.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { getAtPath } from '../util/json-pointer.js';
import { plural } from '../util/words.js';
import { MODEL_API_VERSION, MODEL_BOTOCORE_VERSION, requestSchema, validateRequest, type RequestValidationError } from './generated/validate-request.js';
import {
  type SchemaNode,
  describeValue,
  displayName,
  displayPath,
  documentOrder,
  expectedType,
  hintKey,
  kindOf,
  quote,
  schemaAt,
  toPath,
  yamlScalarText,
  patternHelp,
  displayPattern,
  firstDisallowed,
} from './model-format.js';

export interface ModelProblem {
  /** e.g. ['files', 0, 'fileLocation', 'stream', 'fileId'] */
  path: JsonPath;
  /**
   * 'value' for a bad value; 'key' for an unknown key (path ends with the key); 'parent' for a
   * missing required member (path ends with the missing member name).
   */
  target: Target;
  /** A sentence a person can act on. */
  message: string;
  /** e.g. rename-key fileLocaton -> fileLocation */
  suggestions?: Array<{ message: string; edits: ValueEdit[] }>;
}

export interface ModelCheckOptions {
  /** The syntax the request was read from: YAML gets quoting hints for type errors. */
  format?: ValueSyntax | undefined;
  /**
   * Optional: the source text of the scalar at a path (e.g. `1.0` for a YAML value read as the
   * number 1), so that "quote it" hints and fixes keep what the user wrote.
   */
  sourceText?: ((path: JsonPath) => string | undefined) | undefined;
}

/** The model the schema was generated from. */
export const MODEL_VERSION: { readonly botocore: string; readonly apiVersion: string } = Object.freeze({
  botocore: MODEL_BOTOCORE_VERSION,
  apiVersion: MODEL_API_VERSION,
});

const root = requestSchema as SchemaNode;

/** When several errors land on one path, the lowest rank wins. */
const RANK: Record<string, number> = {
  type: 0,
  required: 0,
  additionalProperties: 0,
  enum: 1,
  minLength: 2,
  maxLength: 2,
  minItems: 2,
  maxItems: 2,
  minProperties: 2,
  maxProperties: 2,
  minimum: 2,
  maximum: 2,
  exclusiveMinimum: 2,
  exclusiveMaximum: 2,
  pattern: 3,
  propertyNames: 9,
};

interface Candidate {
  path: JsonPath;
  target: Target;
  error: RequestValidationError;
  rank: number;
}

/**
 * Checks a request (the parsed value of a request file) against the AWS API model.
 * Returns one problem per path, in document order. Never throws on odd input.
 */
export function checkAgainstModel(request: unknown, options: ModelCheckOptions = {}): ModelProblem[] {
  if (validateRequest(request)) return [];
  const errors = validateRequest.errors ?? [];

  const byPath = new Map<string, Candidate>();
  for (const error of errors) {
    const candidate = locate(request, error);
    if (!candidate) continue;
    const id = candidate.target + '\u0000' + candidate.path.map(String).join('\u0000');
    const existing = byPath.get(id);
    if (!existing || candidate.rank < existing.rank) byPath.set(id, candidate);
  }

  const problems: Array<{ problem: ModelProblem; order: number[] }> = [];
  for (const candidate of byPath.values()) {
    const problem = describe(request, candidate, options);
    problems.push({ problem, order: documentOrder(request, candidate.path, candidate.target) });
  }
  problems.sort((a, b) => compareOrder(a.order, b.order));
  return problems.map((entry) => entry.problem);
}

function compareOrder(a: number[], b: number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function locate(request: unknown, error: RequestValidationError): Candidate | undefined {
  const base = toPath(request, error.instancePath);
  const rank = RANK[error.keyword] ?? 5;
  switch (error.keyword) {
    case 'required': {
      const name = error.params['missingProperty'];
      if (typeof name !== 'string') return undefined;
      return { path: [...base, name], target: 'parent', error, rank };
    }
    case 'additionalProperties': {
      const name = error.params['additionalProperty'];
      if (typeof name !== 'string') return undefined;
      return { path: [...base, name], target: 'key', error, rank };
    }
    case 'propertyNames': {
      const name = error.params['propertyName'];
      if (typeof name !== 'string') return undefined;
      return { path: [...base, name], target: 'key', error, rank };
    }
    default:
      if (typeof error.propertyName === 'string') {
        // an error inside propertyNames: about the key, not the value
        return { path: [...base, error.propertyName], target: 'key', error, rank };
      }
      return { path: base, target: 'value', error, rank };
  }
}

function describe(request: unknown, candidate: Candidate, options: ModelCheckOptions): ModelProblem {
  const { path, target, error } = candidate;
  const params = error.params;
  if (target === 'parent') return missingMember(path);
  if (target === 'key') {
    if (error.keyword === 'additionalProperties') return unknownMember(request, path);
    return badKey(path, error);
  }

  const value = getAtPath(request, path);
  const schema = schemaAt(root, path);
  const name = displayName(root, path);
  switch (error.keyword) {
    case 'type':
      return typeProblem(path, value, params['type'], options);
    case 'enum': {
      const allowed: readonly unknown[] = Array.isArray(params['allowedValues']) ? params['allowedValues'] : (schema?.enum ?? []);
      const list = allowed.map(String).join(', ');
      const problem: ModelProblem = {
        path,
        target,
        message: `${name} is ${describeValue(value)}; it must be one of ${list}.`,
      };
      if (typeof value === 'string') {
        const guess = closest(
          value,
          allowed.filter((entry): entry is string => typeof entry === 'string'),
        );
        if (guess !== undefined) {
          problem.message += didYouMean(guess);
          problem.suggestions = [{ message: `Replace with ${JSON.stringify(guess)}.`, edits: [{ kind: 'replace', path, value: guess }] }];
        }
      }
      return problem;
    }
    case 'pattern': {
      const pattern = typeof params['pattern'] === 'string' ? params['pattern'] : (schema?.pattern ?? '');
      const shown = displayPattern(pattern);
      const help = patternHelp(shown);
      let message = `${name} ${describeValue(value)} does not match ${shown}${help ? ` (${help})` : ''}.`;
      if (typeof value === 'string') {
        if (value === '') message += ' It is empty.';
        else {
          const bad = firstDisallowed(pattern, value);
          if (bad) message += ` Not allowed: ${bad}.`;
        }
      }
      return { path, target, message };
    }
    case 'minLength':
    case 'maxLength': {
      const text = typeof value === 'string' ? value : '';
      const length = [...text].length;
      const limit = Number(params['limit']);
      if (length === 0) {
        return { path, target, message: `${name} is empty; it must have at least ${plural(limit, 'character')}.` };
      }
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      return {
        path,
        target,
        message: `${name} ${quote(text)} has ${plural(length, 'character')}; it must have ${bound} ${limit}.`,
      };
    }
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(value) ? value.length : 0;
      const limit = Number(params['limit']);
      if (count === 0) {
        return { path, target, message: `${name} is empty; it must have at least ${plural(limit, 'item')}.` };
      }
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return { path, target, message: `${name} has ${plural(count, 'item')}; it must have ${bound} ${limit}.` };
    }
    case 'minProperties':
    case 'maxProperties': {
      const count = value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
      const limit = Number(params['limit']);
      const bound = error.keyword === 'minProperties' ? 'at least' : 'at most';
      return { path, target, message: `${name} has ${plural(count, 'entry', 'entries')}; it must have ${bound} ${limit}.` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const min = schema?.minimum;
      const max = schema?.maximum;
      let rule: string;
      if (typeof min === 'number' && typeof max === 'number') rule = `between ${min} and ${max}`;
      else if (error.keyword === 'minimum') rule = `at least ${String(params['limit'])}`;
      else if (error.keyword === 'maximum') rule = `at most ${String(params['limit'])}`;
      else rule = `${String(params['comparison'])} ${String(params['limit'])}`;
      return { path, target, message: `${name} is ${describeValue(value)}; it must be ${rule}.` };
    }
    default:
      return { path, target, message: `${name} ${error.message ?? 'is not valid'} (${error.keyword}).` };
  }
}

const backticked = (word: string) => `\`${word}\``;

function missingMember(path: JsonPath): ModelProblem {
  const member = String(path[path.length - 1]);
  const where = path.length === 1 ? 'the request' : `\`${displayPath(path.slice(0, -1))}\``;
  return { path, target: 'parent', message: `Missing required member \`${member}\` in ${where}.` };
}

function unknownMember(request: unknown, path: JsonPath): ModelProblem {
  const key = String(path[path.length - 1]);
  const parentPath = path.slice(0, -1);
  const where = parentPath.length === 0 ? 'the request' : `\`${displayPath(parentPath)}\``;
  const parentSchema = schemaAt(root, parentPath);
  const allowed = Object.keys(parentSchema?.properties ?? {});
  const parentValue = getAtPath(request, parentPath);
  const present = new Set(parentValue !== null && typeof parentValue === 'object' ? Object.keys(parentValue) : []);
  const guess = closest(key, allowed);
  const remove: { message: string; edits: ValueEdit[] } = {
    message: `Remove \`${key}\`.`,
    edits: [{ kind: 'remove', path }],
  };
  if (guess !== undefined && present.has(guess)) {
    // the right name is there too: renaming would make a duplicate
    return {
      path,
      target: 'key',
      message: `Unknown member \`${key}\` in ${where}${didYouMean(guess, 'clause', backticked)} It is already set: keep one of them.`,
      suggestions: [remove],
    };
  }
  if (guess !== undefined) {
    return {
      path,
      target: 'key',
      message: `Unknown member \`${key}\` in ${where}${didYouMean(guess, 'clause', backticked)}`,
      suggestions: [{ message: `Rename to \`${guess}\`.`, edits: [{ kind: 'rename-key', path, to: guess }] }, remove],
    };
  }
  // A member of an enclosing structure put one level too deep (e.g. maximumPerMinute inside
  // exponentialRate, as one AWS docs page shows).
  for (let depth = parentPath.length - 1; depth >= 0; depth--) {
    const ancestor = parentPath.slice(0, depth);
    const ancestorSchema = schemaAt(root, ancestor);
    if (ancestorSchema?.type === 'object' && ancestorSchema.properties && key in ancestorSchema.properties) {
      const home = ancestor.length === 0 ? 'the request itself' : `\`${displayPath(ancestor)}\``;
      return {
        path,
        target: 'key',
        message: `Unknown member \`${key}\` in ${where}; it belongs in ${home}.`,
        suggestions: [remove],
      };
    }
  }
  const list = allowed.length > 0 ? `; allowed members: ${allowed.join(', ')}` : '';
  return { path, target: 'key', message: `Unknown member \`${key}\` in ${where}${list}.`, suggestions: [remove] };
}

function badKey(path: JsonPath, error: RequestValidationError): ModelProblem {
  const key = String(path[path.length - 1]);
  const where = `\`${displayPath(path.slice(0, -1))}\``;
  const params = error.params;
  let rule: string;
  switch (error.keyword) {
    case 'minLength':
      rule = `it must have at least ${plural(Number(params['limit']), 'character')}`;
      break;
    case 'maxLength':
      rule = `it must have at most ${plural(Number(params['limit']), 'character')}`;
      break;
    case 'pattern':
      rule = `it must match ${displayPattern(String(params['pattern']))}`;
      break;
    case 'enum':
      rule = `it must be one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
      break;
    default:
      rule = error.message ?? 'it is not allowed';
  }
  return { path, target: 'key', message: `Key ${quote(key)} in ${where} is not valid; ${rule}.` };
}

function typeProblem(path: JsonPath, value: unknown, expected: unknown, options: ModelCheckOptions): ModelProblem {
  const types = (Array.isArray(expected) ? expected : [expected]).map(String);
  const want = types.map(expectedType).join(' or ');
  const name = displayName(root, path);
  const target: Target = 'value';
  const yaml = options.format === 'yaml';

  if (path.length === 0) {
    return {
      path,
      target,
      message: `The request is ${kindOf(value)}; it must be ${yaml ? 'a mapping' : 'an object'} of members such as otaUpdateId, targets, files and roleArn.`,
    };
  }

  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { path, target, message: `${name} is ${String(value)}, which is not a finite number; it must be ${want}.` };
  }
  if (types.includes('integer') && typeof value === 'number' && !Number.isInteger(value)) {
    return { path, target, message: `${name} is ${String(value)}; it must be a whole number.` };
  }

  if (types.includes('string')) {
    if (value instanceof Date) {
      const text = options.sourceText?.(path) ?? dateText(value);
      return {
        path,
        target,
        message: `${name} was read as a date (${text}); it must be a string: quote it${yaml ? ' in YAML' : ''}: ${hintKey(path)}${JSON.stringify(text)}.`,
        suggestions: [{ message: `Quote it: ${JSON.stringify(text)}.`, edits: [{ kind: 'replace', path, value: text }] }],
      };
    }
    if (yaml && value === null) {
      return {
        path,
        target,
        message: `${name} is null (an empty value, \`~\` or \`null\` in YAML); it must be a string: write the value, quoted if needed (${hintKey(path)}"…"), or remove the member.`,
      };
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      const raw = options.sourceText?.(path) ?? String(value);
      const text = yaml ? yamlScalarText(raw) : raw;
      let message = `${name} is ${yaml ? text : describeValue(value)} (${kindOf(value)}); it must be a string`;
      if (yaml) message += `: quote it in YAML: ${hintKey(path)}${JSON.stringify(text)}`;
      message += '.';
      return {
        path,
        target,
        message,
        suggestions: [{ message: `Quote it: ${JSON.stringify(text)}.`, edits: [{ kind: 'replace', path, value: text }] }],
      };
    }
  }

  const problem: ModelProblem = {
    path,
    target,
    message:
      value === null || value === undefined || typeof value === 'object'
        ? `${name} is ${describeValue(value)}; it must be ${want}.`
        : `${name} is ${describeValue(value)} (${kindOf(value)}); it must be ${want}.`,
  };
  // "12" for an integer, "true" for a boolean: offer the unquoted value.
  if (typeof value === 'string') {
    const trimmed = value.trim();
    let replacement: unknown;
    if ((types.includes('integer') && /^-?\d+$/.test(trimmed)) || (types.includes('number') && trimmed !== '' && Number.isFinite(Number(trimmed)))) {
      replacement = Number(trimmed);
    } else if (types.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) {
      replacement = trimmed === 'true';
    }
    if (replacement !== undefined && (typeof replacement !== 'number' || Number.isSafeInteger(replacement) || !types.includes('integer'))) {
      problem.suggestions = [{ message: `Write it without quotes: ${String(replacement)}.`, edits: [{ kind: 'replace', path, value: replacement }] }];
    }
  }
  return problem;
}

/** 2024-01-01 for a midnight-UTC date (what an unquoted YAML date gives), else the ISO form. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'an invalid date';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
