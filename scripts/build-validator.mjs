#!/usr/bin/env node
// Compiles the committed request schema (packages/core/schema/create-ota-update.schema.json) ONCE
// with ajv into standalone ESM code: packages/core/src/schema/generated/validate-request.ts.
// At run time `lint` imports that module: no Ajv instance, no schema compilation. Likewise the
// JSON Schema draft 2020-12 meta-schema, into generated/validate-json-schema.ts: config policies
// are checked against it without compiling the meta-schema (a quarter of a second) on every run.
//
// The output is TypeScript with `// @ts-nocheck` so that tsc compiles it to dist/ with the rest
// of @otalint/core (a .js file would need allowJs) and emits its .d.ts from the typed exports.
// ajv's ESM output still calls require() for its runtime helpers (ucs2length, ...): those calls
// are rewritten to ESM default imports of the CommonJS helper files.
//
//   node scripts/build-validator.mjs          # (re)write the module when its content changed
//   node scripts/build-validator.mjs --check  # exit 1 when the module is out of date
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SCHEMA_PATH = path.join(root, 'packages/core/schema/create-ota-update.schema.json');
export const OUTPUT_PATH = path.join(root, 'packages/core/src/schema/generated/validate-request.ts');
export const META_OUTPUT_PATH = path.join(root, 'packages/core/src/schema/generated/validate-json-schema.ts');
const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

// ajv is a dependency of @otalint/core, not of the workspace root: resolve it from there.
const requireFromCore = createRequire(path.join(root, 'packages/core/package.json'));

/** Custom annotation keywords of the generated schema (ajv strict mode rejects unknown ones). */
export const ANNOTATION_KEYWORDS = ['x-shape', 'x-botocore-version', 'x-api-version'];

/** The ajv options the request schema is compiled with. */
export const AJV_OPTIONS = Object.freeze({
  allErrors: true,
  strict: true,
  // the model's patterns use \p{C}, \p{L}...: they need the `u` flag
  unicodeRegExp: true,
  // (ajv counts minLength/maxLength in Unicode code points, like Smithy's `length` trait)
  code: { source: true, esm: true, lines: false, optimize: true },
});

/**
 * ajv's standalone code for a compiled validator, as an ES module body: runtime helpers imported,
 * ajv's own export lines removed. Returns the code, the validator's function name and the imports.
 */
function standaloneModule(ajv, validate) {
  const standaloneCode = requireFromCore('ajv/dist/standalone').default;
  let code = standaloneCode(ajv, validate);

  // ESM: turn `require("ajv/dist/runtime/x")` into imports (no exports map in ajv: full file name).
  const runtimeImports = new Map();
  code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)/gi, (_whole, specifier) => {
    if (!runtimeImports.has(specifier)) runtimeImports.set(specifier, `ajvRuntime${runtimeImports.size}`);
    return runtimeImports.get(specifier);
  });
  if (/\brequire\(/.test(code)) {
    throw new Error('build-validator: ajv emitted a require() that is not an ajv runtime helper');
  }
  // Replace ajv's own export lines with typed ones (below).
  const exportLines = /export const validate = (validate\d+);export default \1;/;
  const match = exportLines.exec(code);
  if (!match) throw new Error('build-validator: unexpected ajv standalone output (export lines)');
  const imports = [...runtimeImports].map(([specifier, name]) => `import ${name} from ${JSON.stringify(specifier + '.js')};`);
  return { code: code.replace(exportLines, '').replace(/^"use strict";/, ''), functionName: match[1], imports };
}

/**
 * What a Unicode property class of the model's patterns holds within ASCII (U+0000-U+007F, all
 * of which are assigned): \p{C} the control characters, \p{L} the letters, \p{Z} the space,
 * \p{N} the digits.
 */
const ASCII_PROPERTY_MEMBERS = { C: '\\x00-\\x1f\\x7f', L: 'A-Za-z', Z: ' ', N: '0-9' };

/**
 * A pattern's text for ASCII strings: each Unicode property class (\p{C}...) inside a character
 * class replaced by its ASCII members, which an ASCII string matches exactly as it matches the
 * pattern. Undefined when the pattern has none, or one this cannot replace (outside a class,
 * \P{...}, a property not listed above).
 */
export function asciiPatternSource(source) {
  if (!source.includes('\\p{') && !source.includes('\\P{')) return undefined;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const property = /^\\p\{([A-Za-z]+)\}/.exec(source.slice(i));
      if (property !== null) {
        const members = ASCII_PROPERTY_MEMBERS[property[1]];
        if (!inClass || members === undefined) return undefined;
        out += members;
        i += property[0].length - 1;
        continue;
      }
      if (source[i + 1] === 'P') return undefined;
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    out += char;
  }
  return out;
}

/**
 * The module's patterns with Unicode property classes: V8 builds such a RegExp (asking ICU for the
 * classes' code points) in a millisecond or more each, which every lint run paid at start-up, four
 * times. Each is built on its first test of a string outside ASCII; an ASCII string (every string
 * of most requests) is tested against the pattern's ASCII text (asciiPatternSource).
 */
const UNICODE_PATTERN_HELPER = [
  'const ONLY_ASCII = /^[\\x00-\\x7f]*$/;',
  'function unicodePattern(source, ascii) {',
  '  let full;',
  "  const forAscii = ascii === undefined ? undefined : new RegExp(ascii, 'u');",
  "  return { test: (text) => (forAscii !== undefined && ONLY_ASCII.test(text) ? forAscii : (full ??= new RegExp(source, 'u'))).test(text) };",
  '}',
].join('\n');

/** `new RegExp(<source>, 'u')` as the generated module writes a pattern: through `unicodePattern` when it has property classes. */
function patternExpression(source) {
  if (!source.includes('\\p{') && !source.includes('\\P{')) return `new RegExp(${JSON.stringify(source)}, 'u')`;
  const ascii = asciiPatternSource(source);
  return `unicodePattern(${JSON.stringify(source)}${ascii === undefined ? '' : `, ${JSON.stringify(ascii)}`})`;
}

/** The schema keywords `certainlyValidSource` reads; a node with any other keyword is never "certainly valid". */
const FAST_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'items',
]);
const IGNORED_KEYWORDS = new Set(['description', 'title', '$schema', '$comment', ...ANNOTATION_KEYWORDS]);

/**
 * Straight-line code that says "certainly valid" of a value ajv would accept, without ajv's error
 * bookkeeping or its code-point count of every string. It may say false of a valid value (a
 * string whose length needs counting, a keyword it does not read): false only sends the value to
 * ajv. It never says true of a value ajv refuses (schema-generation.test.ts checks it on every
 * fixture and on mutations of them).
 */
export function certainlyValidSource(schema) {
  const patterns = [];
  let names = 0;
  const fresh = (prefix) => `${prefix}${names++}`;
  const check = (node, v) => {
    const keywords = Object.keys(node).filter((keyword) => !IGNORED_KEYWORDS.has(keyword));
    if (keywords.some((keyword) => !FAST_KEYWORDS.has(keyword))) return 'return false;';
    const out = [];
    switch (node.type) {
      case 'object': {
        out.push(`if (${v} === null || typeof ${v} !== 'object' || Array.isArray(${v})) return false;`);
        for (const name of node.required ?? []) out.push(`if (${v}[${JSON.stringify(name)}] === undefined) return false;`);
        const members = Object.keys(node.properties ?? {});
        if (node.additionalProperties === false) {
          const key = fresh('k');
          const cases = members.map((name) => `case ${JSON.stringify(name)}:`).join(' ');
          out.push(`for (const ${key} in ${v}) { switch (${key}) { ${cases} break; default: return false; } }`);
        } else if (node.additionalProperties !== undefined && node.additionalProperties !== true) {
          if (typeof node.additionalProperties !== 'object' || members.length > 0) return 'return false;';
          const key = fresh('k');
          const entry = fresh('v');
          out.push(`for (const ${key} in ${v}) { const ${entry} = ${v}[${key}]; ${check(node.additionalProperties, entry)} }`);
        }
        for (const name of members) {
          const member = fresh('v');
          out.push(`{ const ${member} = ${v}[${JSON.stringify(name)}]; if (${member} !== undefined) { ${check(node.properties[name], member)} } }`);
        }
        break;
      }
      case 'string':
        out.push(`if (typeof ${v} !== 'string') return false;`);
        // ajv counts code points: at most the UTF-16 length, at least half of it.
        if (node.maxLength !== undefined) out.push(`if (${v}.length > ${Number(node.maxLength)}) return false;`);
        if (node.minLength !== undefined) out.push(`if (${v}.length < ${2 * Number(node.minLength)}) return false;`);
        if (node.pattern !== undefined) {
          patterns.push(node.pattern);
          out.push(`if (!patterns[${patterns.length - 1}].test(${v})) return false;`);
        }
        if (node.enum !== undefined) {
          if (!node.enum.every((entry) => typeof entry === 'string')) return 'return false;';
          out.push(`switch (${v}) { ${node.enum.map((entry) => `case ${JSON.stringify(entry)}:`).join(' ')} break; default: return false; }`);
        }
        break;
      case 'integer':
      case 'number':
        if (node.enum !== undefined) return 'return false;';
        out.push(`if (typeof ${v} !== 'number' || !${node.type === 'integer' ? 'Number.isInteger' : 'Number.isFinite'}(${v})) return false;`);
        if (node.minimum !== undefined) out.push(`if (!(${v} >= ${Number(node.minimum)})) return false;`);
        if (node.maximum !== undefined) out.push(`if (!(${v} <= ${Number(node.maximum)})) return false;`);
        break;
      case 'array':
        if (node.enum !== undefined) return 'return false;';
        out.push(`if (!Array.isArray(${v})) return false;`);
        if (node.minItems !== undefined) out.push(`if (${v}.length < ${Number(node.minItems)}) return false;`);
        if (node.maxItems !== undefined) out.push(`if (${v}.length > ${Number(node.maxItems)}) return false;`);
        if (node.items !== undefined) {
          const index = fresh('i');
          const item = fresh('v');
          out.push(`for (let ${index} = 0; ${index} < ${v}.length; ${index}++) { const ${item} = ${v}[${index}]; ${check(node.items, item)} }`);
        }
        break;
      case 'boolean':
        if (node.enum !== undefined) return 'return false;';
        out.push(`if (typeof ${v} !== 'boolean') return false;`);
        break;
      default:
        return 'return false;';
    }
    return out.join('\n');
  };
  const body = check(schema, 'value');
  return [
    '/**',
    ' * True only of a request the validator accepts (false: ask `validateRequest`). Straight-line code',
    ' * generated from the same schema by scripts/build-validator.mjs: most requests are valid, and',
    " * this is what they cost, without ajv's error bookkeeping.",
    ' */',
    'export const isCertainlyValidRequest: (value: unknown) => boolean = ((patterns) =>',
    '  function certainlyValid(value) {',
    body,
    '    return true;',
    '  })([',
    ...patterns.map((pattern) => `  ${patternExpression(pattern)},`),
    ']);',
    '',
  ].join('\n');
}

/** ajv's pattern constants (`const patternN = new RegExp("...", "u");`) written with `patternExpression`. */
function withUnicodePatterns(code) {
  return code.replace(/\bnew RegExp\(("(?:[^"\\\\]|\\\\.)*"), "u"\)/g, (call, literal) => patternExpression(JSON.parse(literal)));
}

/** Compiles a schema and returns the text of the generated module. */
export function buildValidatorSource(schemaText) {
  const schema = JSON.parse(schemaText);
  const Ajv = requireFromCore('ajv').default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code } });
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  const { code, functionName, imports } = standaloneModule(ajv, ajv.compile(schema));

  const header = [
    '// @ts-nocheck',
    '/* eslint-disable */',
    '// GENERATED by scripts/build-validator.mjs from packages/core/schema/create-ota-update.schema.json',
    `// (botocore ${schema['x-botocore-version']}, API ${schema['x-api-version']}). Do not edit: run \`node scripts/build.mjs\`.`,
    ...imports,
    '',
    '/** One ajv error object (ajv `ErrorObject` without the verbose fields). */',
    'export interface RequestValidationError {',
    '  instancePath: string;',
    '  schemaPath: string;',
    '  keyword: string;',
    '  params: Record<string, any>;',
    '  propertyName?: string;',
    '  message?: string;',
    '}',
    '',
    '/** The precompiled validator: returns true when valid; otherwise `errors` holds every problem. */',
    'export interface RequestValidateFunction {',
    '  (data: unknown): boolean;',
    '  errors?: RequestValidationError[] | null;',
    '}',
    '',
    `export const MODEL_BOTOCORE_VERSION: string = ${JSON.stringify(schema['x-botocore-version'])};`,
    `export const MODEL_API_VERSION: string = ${JSON.stringify(schema['x-api-version'])};`,
    '',
    '/** The schema the validator was compiled from (read-only: used to phrase messages). */',
    `export const requestSchema: Readonly<Record<string, any>> = ${JSON.stringify(schema)};`,
    '',
  ].join('\n');
  const footer = ['', '', `export const validateRequest: RequestValidateFunction = ${functionName};`, 'export default validateRequest;', ''].join('\n');
  return header + '\n' + UNICODE_PATTERN_HELPER + '\n' + withUnicodePatterns(code) + footer + '\n' + certainlyValidSource(schema);
}

/** The text of the module that validates a JSON Schema against the draft 2020-12 meta-schema. */
export function buildMetaValidatorSource() {
  const Ajv2020 = requireFromCore('ajv/dist/2020').default;
  const ajv = new Ajv2020({ allErrors: true, code: { ...AJV_OPTIONS.code } });
  const { code, functionName, imports } = standaloneModule(ajv, ajv.getSchema(DRAFT_2020_12));
  const version = JSON.parse(readFileSync(requireFromCore.resolve('ajv/package.json'), 'utf8')).version;
  const header = [
    '// @ts-nocheck',
    '/* eslint-disable */',
    `// GENERATED by scripts/build-validator.mjs from the JSON Schema draft 2020-12 meta-schema (ajv ${version}).`,
    '// Do not edit: run `node scripts/build.mjs`.',
    ...imports,
    '',
    '/** Validates a JSON Schema (draft 2020-12); `errors` holds every problem, as ajv reports them. */',
    'export interface JsonSchemaValidateFunction {',
    '  (schema: unknown): boolean;',
    '  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, any>; message?: string }> | null;',
    '}',
    '',
  ].join('\n');
  const footer = ['', '', `export const validateJsonSchema: JsonSchemaValidateFunction = ${functionName};`, ''].join('\n');
  return header + '\n' + code + footer;
}

function main() {
  const check = process.argv.includes('--check');
  writeOrCheck(OUTPUT_PATH, buildValidatorSource(readFileSync(SCHEMA_PATH, 'utf8')), check);
  writeOrCheck(META_OUTPUT_PATH, buildMetaValidatorSource(), check);
}

function writeOrCheck(outputPath, source, check) {
  let current;
  try {
    current = readFileSync(outputPath, 'utf8');
  } catch {
    current = undefined;
  }
  const relative = path.relative(root, outputPath);
  if (check) {
    if (current !== source) {
      console.error(`${relative} is out of date: run node scripts/build.mjs`);
      process.exit(1);
    }
    return;
  }
  // Write only on change: keeps mtimes (and tsc -b incremental builds) stable.
  if (current !== source) {
    mkdirSync(path.dirname(outputPath), { recursive: true });
    writeFileSync(outputPath, source);
    console.log(`build-validator: wrote ${relative}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
