#!/usr/bin/env node
// Turns the official AWS IoT API model (botocore data/iot/2015-05-28/service-2.json.gz) into a
// JSON Schema (draft-07) for the CreateOTAUpdateRequest shape, with every constraint the model
// states: required members, types, min/max (lengths, items, values), patterns (anchored, see
// docs/decisions/0001-anchored-model-patterns.md), enums, and no unknown members.
//
//   node scripts/generate-schema.mjs            # writes packages/core/schema/create-ota-update.schema.json
//                                               # and create-ota-update.docs.json (each member's full
//                                               # documentation as Markdown, for editors' hover)
//   OTALINT_BOTOCORE_DIR=/path/to/botocore node scripts/generate-schema.mjs
//   node scripts/generate-schema.mjs --check    # exit 1 when the committed file is out of date
//
// Node built-ins only: users of otalint have no Python; the output is committed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SCHEMA_PATH = path.join(root, 'packages/core/schema/create-ota-update.schema.json');
export const DOCS_PATH = path.join(root, 'packages/core/schema/create-ota-update.docs.json');
export const MODEL_RELATIVE_PATH = 'data/iot/2015-05-28/service-2.json.gz';
const ROOT_SHAPE = 'CreateOTAUpdateRequest';

/**
 * The botocore package directory: $OTALINT_BOTOCORE_DIR, else asked of python3.
 * Returns undefined when neither is available.
 */
export function locateBotocore(env = process.env) {
  if (env.OTALINT_BOTOCORE_DIR) return env.OTALINT_BOTOCORE_DIR;
  const result = spawnSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const dir = result.stdout.trim();
  return dir || undefined;
}

/** Reads `__version__` from botocore/__init__.py (no Python needed). */
export function readBotocoreVersion(botocoreDir) {
  const init = readFileSync(path.join(botocoreDir, '__init__.py'), 'utf8');
  const match = /^__version__\s*=\s*['"]([^'"]+)['"]/m.exec(init);
  if (!match) throw new Error(`no __version__ in ${path.join(botocoreDir, '__init__.py')}`);
  return match[1];
}

/** Reads and parses the gzipped IoT service model. */
export function readModel(botocoreDir) {
  const file = path.join(botocoreDir, MODEL_RELATIVE_PATH);
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

const decodeEntities = (text) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** HTML documentation → plain text, first sentence (or so). */
export function summarize(html) {
  if (typeof html !== 'string' || html.trim() === '') return undefined;
  const text = decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  // First sentence: a terminator followed by a space and a capital or the end; not "e.g." etc.
  const re = /[.!?](?=\s+[A-Z(]|\s*$)/g;
  let match;
  while ((match = re.exec(text)) !== null) {
    const before = text.slice(0, match.index + 1);
    if (/\b(?:e\.g|i\.e|etc|vs)\.$/i.test(before)) continue;
    return before;
  }
  return text;
}

/**
 * HTML documentation (botocore's: `<p>`, `<code>`, `<a href>`, `<b>`, `<i>`, lists, `<note>`,
 * `<important>`) → Markdown, whole: paragraphs, code spans, links, emphasis, list items, notes
 * as quotes. Other tags are dropped, keeping their text; `*` and backticks in text are escaped.
 */
export function htmlToMarkdown(html) {
  if (typeof html !== 'string' || html.trim() === '') return undefined;
  const blocks = [];
  let line = '';
  // What the next block starts with: a list item's marker, a note's label.
  let prefix = '';
  let link;
  let quote = false;
  const lists = [];
  const flush = () => {
    const text = line.replace(/[ \t\n]+/g, ' ').trim();
    line = '';
    if (text === '') return;
    blocks.push(`${quote ? '> ' : ''}${prefix}${text}`);
    prefix = '';
  };
  for (const token of html.split(/(<[^>]*>)/)) {
    const tag = /^<\s*(\/?)\s*([a-z0-9]+)([^>]*)>$/i.exec(token);
    if (!tag) {
      line += decodeEntities(token).replace(/[*`\\]/g, (c) => `\\${c}`);
      continue;
    }
    const [, closing, rawName, attributes] = tag;
    const name = rawName.toLowerCase();
    if (name === 'code') line += '`';
    else if (name === 'b' || name === 'strong') line += '**';
    else if (name === 'i' || name === 'em') line += '_';
    else if (name === 'br') line += '\n';
    else if (name === 'a' && !closing) {
      link = /href\s*=\s*"([^"]*)"/i.exec(attributes)?.[1];
      if (link) line += '[';
    } else if (name === 'a' && closing) {
      if (link) line += `](${link})`;
      link = undefined;
    } else if (name === 'ul' || name === 'ol') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
    } else if (name === 'li' && !closing) {
      flush();
      const list = lists.at(-1);
      prefix = `${'  '.repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${++list.count}.` : '-'} `;
    } else if (name === 'note' || name === 'important') {
      flush();
      quote = !closing;
      prefix = closing ? '' : name === 'note' ? '**Note:** ' : '**Important:** ';
    } else if (name === 'p' || name === 'li' || name === 'div') flush();
  }
  flush();
  // List items stay together; other blocks are paragraphs.
  return blocks.reduce(
    (out, block, i) => (i === 0 ? block : `${out}${/^\s*(?:-|\d+\.) /.test(block) && /^\s*(?:-|\d+\.) /.test(blocks[i - 1]) ? '\n' : '\n\n'}${block}`),
    '',
  );
}

/**
 * Each member's documentation, whole, as Markdown, by its path in the request (`files[]` for a
 * list's items, `{}` for a map's values): what an editor shows on hover (the schema keeps the
 * first sentence only). The member's own documentation, else its shape's.
 */
export function generateMemberDocs(model, botocoreVersion) {
  const shapes = model.shapes;
  const members = {};
  const visit = (shapeName, documentation, at) => {
    const shape = shapes[shapeName];
    const markdown = htmlToMarkdown(documentation) ?? htmlToMarkdown(shape.documentation);
    if (at !== '' && markdown !== undefined) members[at] = markdown;
    if (shape.type === 'structure') {
      for (const [name, member] of Object.entries(shape.members ?? {})) visit(member.shape, member.documentation, at === '' ? name : `${at}.${name}`);
    } else if (shape.type === 'list') visit(shape.member.shape, shape.member.documentation, `${at}[]`);
    else if (shape.type === 'map') visit(shape.value.shape, shape.value.documentation, `${at}{}`);
  };
  visit(ROOT_SHAPE, undefined, '');
  return {
    $comment: 'Generated by scripts/generate-schema.mjs from the AWS IoT API model in botocore. Do not edit: run `pnpm generate`.',
    'x-botocore-version': botocoreVersion,
    members,
  };
}

/** Anchors a model pattern so that it must match the whole value (AWS semantics). */
export function anchorPattern(pattern) {
  if (pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$')) return pattern;
  return `^(?:${pattern})$`;
}

/**
 * A botocore shape as a JSON Schema, with every constraint and each member's documentation.
 * `annotate` adds what the request schema leaves out but a skeleton shows: blobs marked
 * `contentEncoding: base64`, timestamps `format: date-time`.
 */
export function shapeToSchema(shapes, rootName, { annotate = false } = {}) {
  if (!shapes || !shapes[rootName]) throw new Error(`the model has no ${rootName} shape`);
  const stack = [];
  function shapeSchema(shapeName, documentation) {
    const shape = shapes[shapeName];
    if (!shape) throw new Error(`unknown shape ${shapeName}`);
    if (stack.includes(shapeName)) {
      throw new Error(`recursive shape ${[...stack, shapeName].join(' → ')}: use $ref definitions`);
    }
    stack.push(shapeName);
    try {
      const out = {};
      const description = summarize(documentation) ?? summarize(shape.documentation);
      if (description !== undefined) out.description = description;
      out['x-shape'] = shapeName;
      switch (shape.type) {
        case 'structure': {
          out.type = 'object';
          const members = shape.members ?? {};
          const properties = {};
          for (const [name, member] of Object.entries(members)) {
            properties[name] = shapeSchema(member.shape, member.documentation);
          }
          out.properties = properties;
          const required = (shape.required ?? []).filter((name) => name in members);
          if (required.length > 0) out.required = required;
          out.additionalProperties = false;
          if (shape.union) {
            out.minProperties = 1;
            out.maxProperties = 1;
          }
          break;
        }
        case 'list': {
          out.type = 'array';
          out.items = shapeSchema(shape.member.shape, shape.member.documentation);
          if (typeof shape.min === 'number') out.minItems = shape.min;
          if (typeof shape.max === 'number') out.maxItems = shape.max;
          break;
        }
        case 'map': {
          out.type = 'object';
          const key = keySchema(shape.key.shape);
          if (key !== undefined) out.propertyNames = key;
          out.additionalProperties = shapeSchema(shape.value.shape, shape.value.documentation);
          if (typeof shape.min === 'number') out.minProperties = shape.min;
          if (typeof shape.max === 'number') out.maxProperties = shape.max;
          break;
        }
        case 'string':
          Object.assign(out, stringConstraints(shape));
          break;
        case 'blob':
          // base64 text in a request file
          out.type = 'string';
          if (annotate) out.contentEncoding = 'base64';
          if (typeof shape.min === 'number') out.minLength = shape.min;
          if (typeof shape.max === 'number') out.maxLength = shape.max;
          break;
        case 'timestamp':
          out.type = 'string';
          if (annotate) out.format = 'date-time';
          break;
        case 'boolean':
          out.type = 'boolean';
          break;
        case 'integer':
        case 'long':
        case 'short':
        case 'byte':
          out.type = 'integer';
          Object.assign(out, numberConstraints(shape));
          break;
        case 'double':
        case 'float':
        case 'bigdecimal':
          out.type = 'number';
          Object.assign(out, numberConstraints(shape));
          break;
        default:
          throw new Error(`shape ${shapeName} has unsupported type ${shape.type}`);
      }
      return out;
    } finally {
      stack.pop();
    }
  }

  function stringConstraints(shape) {
    const out = { type: 'string' };
    if (Array.isArray(shape.enum)) out.enum = [...shape.enum];
    if (typeof shape.min === 'number') out.minLength = shape.min;
    if (typeof shape.max === 'number') out.maxLength = shape.max;
    if (typeof shape.pattern === 'string') out.pattern = anchorPattern(shape.pattern);
    return out;
  }

  function numberConstraints(shape) {
    const out = {};
    if (typeof shape.min === 'number') out.minimum = shape.min;
    if (typeof shape.max === 'number') out.maximum = shape.max;
    return out;
  }

  /** Map keys: only worth a propertyNames schema when the key shape constrains something. */
  function keySchema(shapeName) {
    const shape = shapes[shapeName];
    const constraints = stringConstraints(shape);
    delete constraints.type;
    if (Object.keys(constraints).length === 0) return undefined;
    return { 'x-shape': shapeName, ...constraints };
  }

  return shapeSchema(rootName, undefined);
}

/**
 * Builds the JSON Schema for CreateOTAUpdateRequest from a parsed botocore service model.
 * Pure: same model and version in, same object out (key order included).
 */
export function generateSchema(model, botocoreVersion) {
  const body = shapeToSchema(model.shapes, ROOT_SHAPE);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated by scripts/generate-schema.mjs from the AWS IoT API model in botocore. Do not edit: run `pnpm generate`.',
    title: ROOT_SHAPE,
    'x-botocore-version': botocoreVersion,
    'x-api-version': model.metadata?.apiVersion,
    ...body,
  };
}

/** The committed text: 2-space indent, trailing newline. */
export function renderSchema(schema) {
  return JSON.stringify(schema, null, 2) + '\n';
}

/** Locate botocore, read the model, return { files: [{ file, text }], botocoreDir, botocoreVersion }. */
export function generateFromInstalledBotocore(env = process.env) {
  const botocoreDir = locateBotocore(env);
  if (!botocoreDir) return undefined;
  const botocoreVersion = readBotocoreVersion(botocoreDir);
  const model = readModel(botocoreDir);
  const files = [
    { file: SCHEMA_PATH, text: renderSchema(generateSchema(model, botocoreVersion)) },
    { file: DOCS_PATH, text: renderSchema(generateMemberDocs(model, botocoreVersion)) },
  ];
  return { files, botocoreDir, botocoreVersion };
}

function main() {
  const check = process.argv.includes('--check');
  let generated;
  try {
    generated = generateFromInstalledBotocore();
  } catch (error) {
    console.error(`generate-schema: cannot read the botocore model: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
  if (!generated) {
    console.error('generate-schema: botocore not found. Install it (pip install botocore) or set OTALINT_BOTOCORE_DIR to its package directory.');
    process.exit(2);
  }
  for (const { file, text } of generated.files) {
    const relative = path.relative(root, file);
    if (check) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        // missing counts as out of date
      }
      if (current !== text) {
        console.error(`${relative} is out of date for botocore ${generated.botocoreVersion}: run pnpm generate`);
        process.exitCode = 1;
      } else console.log(`${relative} is up to date (botocore ${generated.botocoreVersion})`);
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative} from botocore ${generated.botocoreVersion} (${generated.botocoreDir})`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
