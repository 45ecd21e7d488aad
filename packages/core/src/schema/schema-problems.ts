/**
 * Ajv's raw errors rewritten into problems a person can act on: one problem per path (the most
 * telling error there), in document order, each naming the value, what it is and what it must be.
 * The AWS model check and config policies both phrase their findings here.
 */
import type { JsonPath, Target, ValueEdit } from '../diagnostic.js';
import type { ValueSyntax } from '../document/types.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { getAtPath } from '../util/json-pointer.js';
import { plural } from '../util/words.js';
import {
  type SchemaNode,
  describeValue,
  displayName,
  displayPath,
  displayPattern,
  documentOrder,
  expectedType,
  firstDisallowed,
  hintKey,
  kindOf,
  patternHelp,
  quote,
  toPath,
  yamlScalarText,
} from './model-format.js';

/** One ajv error object; `parentSchema` is there when ajv runs with `verbose`. */
export interface SchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, any>;
  readonly propertyName?: string;
  readonly message?: string;
  readonly parentSchema?: unknown;
}

export interface SchemaProblem {
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

export interface WordingOptions {
  /** The syntax the request was read from: YAML gets quoting hints for type errors. */
  format?: ValueSyntax | undefined;
  /**
   * Optional: the source text of the scalar at a path (e.g. `1.0` for a YAML value read as the
   * number 1), so that "quote it" hints and fixes keep what the user wrote.
   */
  sourceText?: ((path: JsonPath) => string | undefined) | undefined;
}

/** What the wording needs to know about the schema the errors came from. */
export interface SchemaWording extends WordingOptions {
  /** The request's schema, for naming values (map keys read differently from member names). */
  readonly requestSchema: SchemaNode;
  /** The schema object that holds the failed keyword: limits and allowed values come from it. */
  schemaFor(error: SchemaError, path: JsonPath): SchemaNode | undefined;
  /** The members the schema allows where an unknown member (`additionalProperties`) was found. */
  membersOf(error: SchemaError, parentPath: JsonPath): readonly string[];
  /** Where a misplaced member belongs instead ("`awsJobExecutionsRolloutConfig`"), when known. */
  homeOf?(key: string, parentPath: JsonPath): string | undefined;
}

/** When several errors land on one path, the lowest rank wins. */
const RANK: Record<string, number> = {
  type: 0,
  required: 0,
  dependentRequired: 0,
  additionalProperties: 0,
  unevaluatedProperties: 0,
  'false schema': 0,
  const: 1,
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
  multipleOf: 2,
  contains: 2,
  uniqueItems: 2,
  pattern: 3,
  not: 4,
  propertyNames: 9,
};

interface Candidate {
  /** From the request's root. */
  path: JsonPath;
  /** From the value ajv checked. */
  local: JsonPath;
  target: Target;
  error: SchemaError;
  rank: number;
}

/**
 * The problems of a value that failed a schema. `value` is what ajv checked and sits at `base` in
 * the request; problem paths start from the request's root. Never throws on odd input.
 */
export function describeSchemaErrors(value: unknown, errors: readonly SchemaError[], wording: SchemaWording, base: JsonPath = []): SchemaProblem[] {
  const byPath = new Map<string, Candidate>();
  for (const error of errors) {
    if (error.keyword === 'if' || insideSearch(error.schemaPath)) continue;
    const candidate = locate(value, error, base);
    if (!candidate) continue;
    const id = candidate.target + '\u0000' + candidate.path.map(String).join('\u0000');
    const existing = byPath.get(id);
    if (!existing || candidate.rank < existing.rank) byPath.set(id, candidate);
  }

  // Most invalid requests have one problem: nothing to put in order.
  if (byPath.size === 1) for (const candidate of byPath.values()) return [describe(value, candidate, wording)];
  const problems: Array<{ problem: SchemaProblem; order: number[] }> = [];
  for (const candidate of byPath.values()) {
    problems.push({ problem: describe(value, candidate, wording), order: documentOrder(value, candidate.local, candidate.target) });
  }
  problems.sort((a, b) => compareOrder(a.order, b.order));
  return problems.map((entry) => entry.problem);
}

/** Keywords whose subschema is a search: its failures are not the value's (`contains`, `anyOf`, ...). */
const SEARCHING = new Set(['contains', 'anyOf', 'oneOf', 'not', 'if']);
/** Keywords followed by a member name (or a def name) in a schema path, not by a keyword. */
const NAMING = new Set(['properties', 'patternProperties', 'dependentSchemas', 'dependentRequired', '$defs', 'definitions']);

/** The answers of `insideSearch`, by schema path: a compiled schema's errors come from a fixed set of them. */
const searched = new Map<string, boolean>();

/** Whether an error comes from inside a search (an item `contains` tried, an `anyOf` branch). */
function insideSearch(schemaPath: string): boolean {
  let inside = searched.get(schemaPath);
  if (inside === undefined) {
    // Policies bring their own schemas: an editor that reloads config many times starts over now and then.
    if (searched.size >= 4096) searched.clear();
    searched.set(schemaPath, (inside = searchesAlong(schemaPath)));
  }
  return inside;
}

function searchesAlong(schemaPath: string): boolean {
  const segments = schemaPath.replace(/^#\/?/, '').split('/');
  // The last segment is the failed keyword itself: an `anyOf` error is kept, its branches' are not.
  for (let i = 0; i < segments.length - 1; i++) {
    if (NAMING.has(segments[i]!)) i++;
    else if (SEARCHING.has(segments[i]!)) return true;
  }
  return false;
}

function compareOrder(a: number[], b: number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function locate(value: unknown, error: SchemaError, base: JsonPath): Candidate | undefined {
  const local = toPath(value, error.instancePath);
  const rank = RANK[error.keyword] ?? 5;
  const at = (name: unknown, target: Target): Candidate | undefined =>
    typeof name === 'string' ? { path: [...base, ...local, name], local: [...local, name], target, error, rank } : undefined;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return at(error.params['missingProperty'], 'parent');
    case 'additionalProperties':
      return at(error.params['additionalProperty'], 'key');
    case 'unevaluatedProperties':
      return at(error.params['unevaluatedProperty'], 'key');
    case 'propertyNames':
      return at(error.params['propertyName'], 'key');
    default:
      // an error inside propertyNames: about the key, not the value
      if (typeof error.propertyName === 'string') return at(error.propertyName, 'key');
      return { path: [...base, ...local], local, target: 'value', error, rank };
  }
}

function describe(root: unknown, candidate: Candidate, wording: SchemaWording): SchemaProblem {
  const { path, local, target, error } = candidate;
  const params = error.params;
  if (target === 'parent') {
    return missingMember(path, error.keyword === 'dependentRequired' ? `: it is required when \`${String(params['property'])}\` is set` : '');
  }
  if (target === 'key') {
    if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      return unknownMember(path, getAtPath(root, local.slice(0, -1)), wording.membersOf(error, path.slice(0, -1)), wording.homeOf);
    }
    return badKey(path, error);
  }

  const value = getAtPath(root, local);
  const schema = wording.schemaFor(error, path) as (SchemaNode & { readonly contains?: unknown; readonly not?: unknown }) | undefined;
  const name = displayName(wording.requestSchema, path);
  switch (error.keyword) {
    case 'type':
      return typeProblem(path, value, params['type'], wording);
    case 'const':
      return { path, target, message: `${name} is ${describeValue(value)}; it must be ${literal(params['allowedValue'])}.` };
    case 'enum': {
      const allowed: readonly unknown[] = Array.isArray(params['allowedValues']) ? params['allowedValues'] : (schema?.enum ?? []);
      const problem: SchemaProblem = { path, target, message: `${name} is ${describeValue(value)}; it must be one of ${allowed.map(literal).join(', ')}.` };
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
      return { path, target, message: `${name} ${quote(text)} has ${plural(length, 'character')}; it must have ${bound} ${limit}.` };
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
      else rule = `${error.keyword === 'exclusiveMinimum' ? 'greater' : 'less'} than ${String(params['limit'])}`;
      return { path, target, message: `${name} is ${describeValue(value)}; it must be ${rule}.` };
    }
    case 'multipleOf':
      return { path, target, message: `${name} is ${describeValue(value)}; it must be a multiple of ${String(params['multipleOf'])}.` };
    case 'uniqueItems':
      return {
        path,
        target,
        message: `${name} lists the same item twice (items ${String(params['j'])} and ${String(params['i'])}); every item must be different.`,
      };
    case 'contains': {
      const least = Number(params['minContains'] ?? 1);
      const most = params['maxContains'] === undefined ? undefined : Number(params['maxContains']);
      const wanted = describeItems(schema?.contains, (most ?? least) !== 1);
      let bound: string;
      if (most === undefined) bound = least === 1 ? 'an item' : `at least ${plural(least, 'item')}`;
      else if (least === 0) bound = `at most ${plural(most, 'item')}`;
      else if (least === most) bound = `exactly ${plural(most, 'item')}`;
      else bound = `between ${least} and ${most} items`;
      return { path, target, message: `${name} must have ${bound} ${wanted}.` };
    }
    case 'not':
      return { path, target, message: `${name} is ${describeValue(value)}; it must not ${describeNot(schema?.not)}.` };
    case 'anyOf':
      return { path, target, message: `${name} is ${describeValue(value)}; it matches none of the schemas in anyOf.` };
    case 'oneOf':
      return {
        path,
        target,
        message: Array.isArray(params['passingSchemas'])
          ? `${name} is ${describeValue(value)}; it matches ${params['passingSchemas'].length} of the schemas in oneOf, and must match exactly one.`
          : `${name} is ${describeValue(value)}; it matches none of the schemas in oneOf.`,
      };
    case 'false schema':
      return { path, target, message: `${name} is not allowed here.` };
    default:
      return { path, target, message: `${name} ${error.message ?? 'is not valid'} (${error.keyword}).` };
  }
}

/** A schema value (`const`, `enum` entry) as a message shows it: strings bare, as the model lists them. */
function literal(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** Which items a `contains` schema looks for: "that is X", "that matches P", "whose `Key` is "team"". */
function describeItems(schema: unknown, many: boolean): string {
  const [is, matches] = many ? ['are', 'match'] : ['is', 'matches'];
  const node = (schema ?? {}) as { const?: unknown; enum?: unknown[]; pattern?: string; properties?: Record<string, { const?: unknown }> };
  const only = (...keys: string[]) => Object.keys(node).every((key) => keys.includes(key));
  if ('const' in node) return `that ${is} ${literal(node.const)}`;
  if (Array.isArray(node.enum)) return `that ${is} one of ${node.enum.map(literal).join(', ')}`;
  if (typeof node.pattern === 'string' && only('pattern', 'type')) return `that ${matches} ${node.pattern}`;
  const members = Object.entries(node.properties ?? {});
  if (
    members.length > 0 &&
    only('properties', 'required', 'type') &&
    members.every(([, member]) => member !== null && typeof member === 'object' && 'const' in member)
  ) {
    return `whose ${members.map(([key, member]) => `\`${key}\` is ${JSON.stringify(member.const)}`).join(' and ')}`;
  }
  return `that ${matches} ${shortJson(schema)}`;
}

/** What a `not` schema forbids: "be X", "match P", "have `m`". */
function describeNot(schema: unknown): string {
  const node = (schema ?? {}) as { const?: unknown; enum?: unknown[]; pattern?: string; required?: unknown[]; type?: unknown };
  if ('const' in node) return `be ${literal(node.const)}`;
  if (typeof node.type === 'string' && Object.keys(node).length === 1) return `be ${expectedType(node.type)}`;
  if (Array.isArray(node.enum)) return `be one of ${node.enum.map(literal).join(', ')}`;
  if (Array.isArray(node.required)) return `have ${node.required.map((member) => `\`${String(member)}\``).join(' and ')}`;
  if (typeof node.pattern === 'string' && Object.keys(node).length === 1) return `match ${node.pattern}`;
  return `match ${shortJson(schema)}`;
}

/** A schema or value as JSON, cut after 80 characters. */
export function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function missingMember(path: JsonPath, why: string): SchemaProblem {
  const member = String(path[path.length - 1]);
  const where = path.length === 1 ? 'the request' : `\`${displayPath(path.slice(0, -1))}\``;
  return { path, target: 'parent', message: `Missing required member \`${member}\` in ${where}${why}.` };
}

const backticked = (word: string) => `\`${word}\``;

/** How often an unknown member's name was matched against the allowed ones, for tests that hold it to new misspellings. */
export const memberGuesses = { count: 0 };

/** The guesses for unknown members, per list of allowed ones (the model check lists each schema object's once): a misspelling repeated across files is matched once. */
const guessesByMembers = new WeakMap<readonly string[], Map<string, string | undefined>>();
const GUESSES_KEPT = 256;

function closestMember(key: string, allowed: readonly string[]): string | undefined {
  let guesses = guessesByMembers.get(allowed);
  if (!guesses) guessesByMembers.set(allowed, (guesses = new Map()));
  if (guesses.has(key)) return guesses.get(key);
  memberGuesses.count++;
  const guess = closest(key, allowed);
  if (guesses.size < GUESSES_KEPT) guesses.set(key, guess);
  return guess;
}

function unknownMember(path: JsonPath, parent: unknown, allowed: readonly string[], homeOf: SchemaWording['homeOf']): SchemaProblem {
  const key = String(path[path.length - 1]);
  const parentPath = path.slice(0, -1);
  const where = parentPath.length === 0 ? 'the request' : `\`${displayPath(parentPath)}\``;
  const guess = closestMember(key, allowed);
  const remove: { message: string; edits: ValueEdit[] } = { message: `Remove \`${key}\`.`, edits: [{ kind: 'remove', path }] };
  if (guess !== undefined && parent !== null && typeof parent === 'object' && Object.prototype.propertyIsEnumerable.call(parent, guess)) {
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
  const home = homeOf?.(key, parentPath);
  if (home !== undefined) return { path, target: 'key', message: `Unknown member \`${key}\` in ${where}; it belongs in ${home}.`, suggestions: [remove] };
  const list = allowed.length > 0 ? `; allowed members: ${allowed.join(', ')}` : '';
  return { path, target: 'key', message: `Unknown member \`${key}\` in ${where}${list}.`, suggestions: [remove] };
}

function badKey(path: JsonPath, error: SchemaError): SchemaProblem {
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

function typeProblem(path: JsonPath, value: unknown, expected: unknown, wording: SchemaWording): SchemaProblem {
  const types = (Array.isArray(expected) ? expected : [expected]).map(String);
  const want = types.map(expectedType).join(' or ');
  const name = displayName(wording.requestSchema, path);
  const target: Target = 'value';
  const yaml = wording.format === 'yaml';

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
      const text = wording.sourceText?.(path) ?? dateText(value);
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
      const raw = wording.sourceText?.(path) ?? String(value);
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

  const problem: SchemaProblem = {
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
