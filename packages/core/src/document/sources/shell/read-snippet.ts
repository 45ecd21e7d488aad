import { problemDocument } from '../../guarded-read.js';
import type { ParseProblem, RequestDocument, SourceDocument } from '../../types.js';
import { codeRequest, type LocatedValue, type ValueWriter } from '../located-value.js';
import { parseDirective, type DisableComment } from '../../../suppressions/comments.js';
import { nodesOfTypes, parseBash, type TypedNode } from './bash-parser.js';
import { detectBraceExpansion } from './brace-expansion.js';
import { buildRequest } from './build-request.js';
import { findCreateOtaUpdateCommands, namedCommands } from './commands.js';
import { Sentinels, type QuoteContext } from './shell-word.js';
import type { ShellSnippet } from './snippet.js';
import type { EditSite, EditSites } from './values.js';
import { BINDING_NODE_TYPES, ScriptVariables } from './variables.js';

/** The requests of one snippet: each `aws iot create-ota-update` command it runs. */
export interface SnippetRequests {
  readonly requests: RequestDocument[];
  readonly dependencies: string[];
  /** `# otalint-disable-next-line` comments in the code. */
  readonly comments: DisableComment[];
}

/** Read the create-ota-update commands of a snippet as requests (indexes from `firstIndex`). */
export function readSnippet(
  snippet: ShellSnippet,
  fileText: string,
  firstIndex: number,
  extraProblems?: (root: LocatedValue) => ParseProblem[],
): SnippetRequests {
  if (!snippet.code.includes('create-ota-update')) return { requests: [], dependencies: [], comments: [] };
  const tree = parseBash(snippet.code);
  try {
    const sentinels = new Sentinels();
    // The commands, what binds variables and the comments, found in one walk of the tree.
    const withComments = snippet.code.includes('otalint-disable');
    const nodes = nodesOfTypes(tree.rootNode, ['command', ...BINDING_NODE_TYPES, ...(withComments ? ['comment'] : [])]);
    const commands = namedCommands(nodes);
    const variables = new ScriptVariables(nodes, commands, snippet);
    const context = { snippet, fileText, sentinels, variables: (name: string, at: number) => variables.lookup(name, at) };
    variables.useContext(context);
    const sites: EditSites = { values: new WeakMap(), keys: new WeakMap() };
    const requests: RequestDocument[] = [];
    const dependencies: string[] = [];
    for (const command of findCreateOtaUpdateCommands(commands, context)) {
      const built = buildRequest(command, { folder: snippet.folder, fileText, sentinels, sites });
      if (!built) continue;
      dependencies.push(...built.dependencies);
      const problems = [...detectBraceExpansion(command, snippet), ...built.problems, ...(extraProblems?.(built.root) ?? [])];
      requests.push(
        codeRequest({
          index: firstIndex + requests.length,
          root: built.root,
          format: 'shorthand',
          span: command.span,
          text: fileText,
          writer: shellWriter(sites),
          problems,
        }),
      );
    }
    return { requests, dependencies, comments: withComments ? disableComments(nodes, snippet, fileText) : [] };
  } finally {
    tree.delete();
  }
}

/** The shell comments that are `otalint-disable` directives (a `#` in a string is no comment). */
function disableComments(nodes: readonly TypedNode[], snippet: ShellSnippet, fileText: string): DisableComment[] {
  const found: DisableComment[] = [];
  for (const { node, type } of nodes) {
    if (type !== 'comment') continue;
    const start = snippet.toFile(node.startIndex);
    const end = snippet.toFile(node.endIndex - 1) + 1;
    const comment = parseDirective(fileText.slice(start, end), start);
    if (comment) found.push(comment);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** A SourceDocument for a file whose requests are all in shell snippets. */
export function shellDocument(
  filePath: string,
  kind: string,
  text: string,
  requests: readonly RequestDocument[],
  dependencies: readonly string[],
  disableComments: SourceDocument['disableComments'],
  problems: readonly ParseProblem[] = [],
): SourceDocument {
  return {
    ...problemDocument(filePath, kind, text, problems),
    requests,
    disableComments,
    ...(dependencies.length > 0 ? { dependencies: [...new Set(dependencies)] } : {}),
  };
}

/** Shell quoting of new text, or undefined when that quoting cannot hold it. */
function quoteFor(text: string, context: QuoteContext): string | undefined {
  switch (context) {
    case 'single':
      return text.includes("'") ? undefined : text;
    case 'double':
      return text.replace(/[\\"$`]/g, '\\$&');
    case 'heredoc':
      return text.replace(/[\\$`]/g, '\\$&');
    case 'heredoc-quoted':
      return text.includes('\n') ? undefined : text;
    case 'bare':
      if (/^[A-Za-z0-9_.,:/@%+=-]+$/.test(text)) return text;
      return text.includes("'") ? undefined : `'${text}'`;
    default:
      return undefined;
  }
}

const SHORTHAND_SAFE = /^[A-Za-z0-9_./:@+-]+$/;

/** Fixes in a command line: the new value in the syntax it is written in (JSON, shorthand, a word), then in its shell quoting. */
function shellWriter(sites: EditSites): ValueWriter {
  const encode = (value: unknown, site: EditSite): string | undefined => {
    switch (site.syntax) {
      case 'json':
        return quoteFor(JSON.stringify(value), site.context);
      case 'shorthand': {
        const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : undefined;
        return text !== undefined && SHORTHAND_SAFE.test(text) ? quoteFor(text, site.context) : undefined;
      }
      case 'word':
        return typeof value === 'string' ? quoteFor(value, site.context) : undefined;
      case 'words': {
        if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.length > 0)) return undefined;
        const words = value.map((item: string) => quoteFor(item, 'bare'));
        return words.every((word) => word !== undefined) ? words.join(' ') : undefined;
      }
    }
  };
  return {
    value(value, node) {
      const site = sites.values.get(node);
      return site && encode(value, site);
    },
    key(name, node) {
      const site = sites.keys.get(node);
      if (!site) return undefined;
      return site.syntax === 'json'
        ? quoteFor(JSON.stringify(name), site.context)
        : /^[A-Za-z0-9_.#/:-]+$/.test(name)
          ? quoteFor(name, site.context)
          : undefined;
    },
  };
}
