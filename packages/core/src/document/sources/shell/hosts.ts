import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import { parseDirective, readDisableComments, type DisableComment } from '../../../suppressions/comments.js';
import { yaml } from '../../../util/lazy-yaml.js';
import type { ParseProblem, ReadContext, RequestDocument, SourceDocument, Span } from '../../types.js';
import type { LocatedValue } from '../located-value.js';
import { makeVariables, referencedName, type MakeValue } from './make-variables.js';
import { readSnippet, shellDocument } from './read-snippet.js';
import { fileCode, SnippetBuilder, type CodeMap, type HostLiteral, type ShellSnippet } from './snippet.js';

export { prepareBash } from './bash-parser.js';

/** The folder the file is in, as an absolute path. */
function folderOf(filePath: string, context?: ReadContext): string {
  return path.dirname(path.resolve(context?.cwd ?? process.cwd(), filePath));
}

interface Collected {
  requests: RequestDocument[];
  dependencies: string[];
  comments: DisableComment[];
}

function collect(snippets: readonly ShellSnippet[], text: string, extraProblems?: (root: LocatedValue, snippet: ShellSnippet) => ParseProblem[]): Collected {
  const out: Collected = { requests: [], dependencies: [], comments: [] };
  for (const snippet of snippets) {
    const read = readSnippet(snippet, text, out.requests.length, extraProblems && ((root) => extraProblems(root, snippet)));
    out.requests.push(...read.requests);
    out.dependencies.push(...read.dependencies);
    out.comments.push(...read.comments);
  }
  return out;
}

const SHEBANG = /^#!\s*(\S+)(?:\s+(\S+))?/;

/** The shell a script's shebang names (`bash`, `sh`, `zsh`, ...), if any. */
export function shebangShell(text: string): string | undefined {
  const match = SHEBANG.exec(text);
  if (!match) return undefined;
  const program = path.basename(match[1]!);
  return program === 'env' ? (match[2] ? path.basename(match[2]) : undefined) : program;
}

// ---------------------------------------------------------------------------------------------
// Shell scripts

function readShellScript(filePath: string, text: string, context?: ReadContext): SourceDocument {
  const shell = shebangShell(text) ?? (filePath.endsWith('.bash') ? 'bash' : undefined);
  const snippet: ShellSnippet = {
    ...fileCode(text),
    braceExpansion: shell === 'bash' || shell === 'zsh' ? 'yes' : shell === 'sh' || shell === 'dash' ? 'no' : 'maybe',
    folder: folderOf(filePath, context),
  };
  const read = collect([snippet], text);
  return shellDocument(filePath, 'shell', text, read.requests, read.dependencies, () => read.comments);
}

// ---------------------------------------------------------------------------------------------
// Makefiles: every recipe line is run by its own shell (SHELL, /bin/sh by default).

/** The length of make's reference at `at` (`$(VAR)`, `$(subst a,b,$(X))`, `${VAR}`, `$V`). */
function makeReferenceLength(text: string, at: number): number {
  const open = text[at + 1];
  if (open !== '(' && open !== '{') return open === undefined || open === '\n' ? 1 : 2;
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let i = at + 1; i < text.length && text[i] !== '\n'; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return i - at + 1;
  }
  return 1;
}

function readMakefile(filePath: string, text: string, context?: ReadContext): SourceDocument {
  const snippets: ShellSnippet[] = [];
  const folder = folderOf(filePath, context);
  const lines = linesOf(text);
  const variables = makeVariables(lines);
  let inRule = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text.startsWith('\t')) {
      // A rule line (`target: prerequisites`) starts recipes; an assignment or blank line ends them.
      if (/^[^\s#=][^=]*:(?!=)/.test(line.text)) inRule = true;
      else if (line.text.trim() !== '' && !line.text.startsWith('#')) inRule = false;
      continue;
    }
    if (!inRule) continue;
    const builder = new SnippetBuilder();
    const templates: Span[] = [];
    let at = i;
    for (;;) {
      const current = lines[at]!;
      // The recipe's tab, then make's own prefixes: @ (silent), - (ignore errors), + (always run).
      let start = current.start + (current.text.startsWith('\t') ? 1 : 0);
      if (at === i) while (/[@+-]/.test(text[start] ?? '') || text[start] === ' ') start++;
      appendMakeLine(builder, templates, text, start, current.start + current.text.length, variables);
      if (!current.text.endsWith('\\') || at + 1 >= lines.length) break;
      builder.append('\n', current.start + current.text.length);
      at++;
    }
    i = at;
    snippets.push({ ...builder.build(), braceExpansion: 'maybe', templates, folder });
  }
  const read = collect(snippets, text);
  const comments = text.includes('otalint-disable') ? makeComments(text) : [];
  return shellDocument(filePath, 'makefile', text, read.requests, read.dependencies, () => [...comments, ...read.comments].sort((a, b) => a.offset - b.offset));
}

/**
 * One recipe line's text for the shell: `$$` is `$`, a reference to a variable the Makefile gives
 * one value is that value (written where the assignments have it), and every other reference
 * becomes an unknown placeholder.
 */
function appendMakeLine(builder: SnippetBuilder, templates: Span[], text: string, start: number, end: number, variables: ReadonlyMap<string, MakeValue>): void {
  let run = start;
  for (let i = start; i < end; i++) {
    if (text[i] !== '$') continue;
    builder.append(text.slice(run, i), run);
    if (text[i + 1] === '$') {
      builder.append('$', i + 1);
      i++;
      run = i + 1;
      continue;
    }
    const length = makeReferenceLength(text, i);
    const value = variables.get(referencedName(text.slice(i, i + length)) ?? '');
    if (value) for (const piece of value) builder.append(piece.text, piece.offset);
    else {
      templates.push({ offset: builder.code.length, length });
      builder.append('x'.repeat(length), i);
    }
    i += length - 1;
    run = i + 1;
  }
  builder.append(text.slice(run, end), run);
}

/** Make's own comments (`# otalint-disable-next-line ...` lines outside recipes). */
function makeComments(text: string): DisableComment[] {
  return readLineComments(text, (line) => !line.startsWith('\t'));
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflows: `run:` steps, in bash unless the step or job says another shell.

/** `${{ ... }}`: replaced by GitHub before the step's shell runs. */
const GITHUB_EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;

function readGithubWorkflow(filePath: string, text: string, context?: ReadContext): SourceDocument {
  const doc = parseYaml(text);
  const snippets: ShellSnippet[] = [];
  const root = folderOf(filePath, context);
  const workspace = repositoryRoot(root);
  const Y = yaml();
  const workflow = doc?.contents;
  if (Y.isMap(workflow)) {
    const workflowEnv = environment(workflow.get('env', true) as YamlNode | undefined, text);
    const defaultsShell = shellSetting(workflow.getIn(['defaults', 'run', 'shell'], true) as YamlNode | undefined);
    const jobs = workflow.get('jobs', true);
    if (Y.isMap(jobs)) {
      for (const pair of jobs.items) {
        const job = pair.value;
        if (!Y.isMap(job)) continue;
        const jobEnv = new Map([...workflowEnv, ...environment(job.get('env', true) as YamlNode | undefined, text)]);
        const jobShell = shellSetting(job.getIn(['defaults', 'run', 'shell'], true) as YamlNode | undefined) ?? defaultsShell;
        const steps = job.get('steps', true);
        if (!Y.isSeq(steps)) continue;
        for (const step of steps.items) {
          if (!Y.isMap(step)) continue;
          const run = step.get('run', true) as YamlNode | undefined;
          if (!Y.isScalar(run) || typeof run.value !== 'string') continue;
          const shell = shellSetting(step.get('shell', true) as YamlNode | undefined) ?? jobShell ?? 'bash';
          if (!/^(bash|sh)\b/.test(shell)) continue;
          const embedded = scalarCode(run, text);
          if (!embedded) continue;
          const env = new Map([...jobEnv, ...environment(step.get('env', true) as YamlNode | undefined, text)]);
          const directory = step.get('working-directory');
          const templates = hostTemplates(embedded, GITHUB_EXPRESSION);
          snippets.push({
            ...embedded,
            code: templates.code,
            templates: templates.spans,
            environment: env,
            braceExpansion: shell.startsWith('bash') ? 'yes' : 'no',
            folder: typeof directory === 'string' && !directory.includes('${{') ? path.resolve(workspace, directory) : workspace,
          });
        }
      }
    }
  }
  const read = collect(snippets, text);
  return shellDocument(filePath, 'github-workflow', text, read.requests, read.dependencies, () => mergeComments(text, read.comments));
}

// ---------------------------------------------------------------------------------------------
// GitLab CI: a job's `before_script`, `script` and `after_script` lines run in one shell.

const GITLAB_RESERVED = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

function readGitlabCi(filePath: string, text: string, context?: ReadContext): SourceDocument {
  const doc = parseYaml(text);
  const snippets: ShellSnippet[] = [];
  const workspace = folderOf(filePath, context);
  const Y = yaml();
  const pipeline = doc?.contents;
  if (Y.isMap(pipeline)) {
    const globalVariables = environment(pipeline.get('variables', true) as YamlNode | undefined, text);
    for (const pair of pipeline.items) {
      const name = Y.isScalar(pair.key) ? String(pair.key.value) : '';
      const job = pair.value;
      // Reserved keys are settings, not jobs; hidden jobs (`.deploy`) are templates others extend.
      if (GITLAB_RESERVED.has(name)) continue;
      if (!Y.isMap(job)) continue;
      const env = new Map([...globalVariables, ...environment(job.get('variables', true) as YamlNode | undefined, text)]);
      const builder = new SnippetBuilder();
      for (const key of ['before_script', 'script', 'after_script']) {
        for (const line of scriptLines(job.get(key, true) as YamlNode | undefined)) {
          const embedded = scalarCode(line, text);
          if (!embedded) continue;
          for (let i = 0; i < embedded.code.length; i++) builder.append(embedded.code[i]!, embedded.toFile(i));
          builder.append('\n', embedded.toFile(Math.max(embedded.code.length - 1, 0)) + 1);
        }
      }
      const code = builder.build();
      if (code.code.length > 0) snippets.push({ ...code, braceExpansion: 'maybe', environment: env, folder: workspace });
    }
  }
  const read = collect(snippets, text);
  return shellDocument(filePath, 'gitlab-ci', text, read.requests, read.dependencies, () => mergeComments(text, read.comments));
}

function scriptLines(node: YamlNode | undefined): Scalar[] {
  const Y = yaml();
  if (Y.isScalar(node)) return [node];
  if (!Y.isSeq(node)) return [];
  return node.items.flatMap((item) => scriptLines(item as YamlNode));
}

// ---------------------------------------------------------------------------------------------
// Markdown: fenced sh/bash/shell/console blocks, read as one session (a README is run top down).

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console', 'shell-session', 'zsh']);
/** What READMEs put where a reader must fill in a value. */
export const PLACEHOLDER =
  /<[A-Za-z][\w .:/-]*>|\{\{[^{}\n]+\}\}|\b(?:YOUR|your|Your)[_-][A-Za-z0-9_-]+|\b[A-Z0-9_-]*(?:REPLACE_ME|CHANGE_?ME|PLACEHOLDER)[A-Z0-9_-]*\b|\b[xX]{4,}\b/g;

function readMarkdown(filePath: string, text: string, context?: ReadContext): SourceDocument {
  const builder = new SnippetBuilder();
  const placeholders: Span[] = [];
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const fence = /^( {0,3})(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!.text);
    if (!fence) continue;
    const [, indent, marker, info] = fence;
    const closing = new RegExp(`^ {0,3}${marker![0] === '`' ? '`' : '~'}{${marker!.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end]!.text)) end++;
    if (SHELL_FENCES.has(info!.toLowerCase())) {
      const console = info === 'console' || info === 'shell-session';
      let continued = false;
      for (let j = i + 1; j < end; j++) {
        const line = lines[j]!;
        let start = line.start + Math.min(indent!.length, /^ */.exec(line.text)![0].length);
        const body = text.slice(start, line.start + line.text.length);
        const prompt = /^\$ /.exec(body);
        if (prompt) start += 2;
        else if (console && !continued) continue;
        const lineText = text.slice(start, line.start + line.text.length);
        appendWithPlaceholders(builder, placeholders, lineText, start);
        builder.append('\n', line.start + line.text.length);
        continued = lineText.endsWith('\\');
      }
      builder.append('\n', lines[end]?.start ?? text.length);
    }
    i = end;
  }
  const snippet: ShellSnippet = { ...builder.build(), braceExpansion: 'yes', templates: placeholders, folder: folderOf(filePath, context) };
  const read = collect([snippet], text, (root, from) => placeholderProblems(root, from, text));
  return shellDocument(filePath, 'markdown', text, read.requests, read.dependencies, () => read.comments);
}

/** A placeholder such as `<account-id>` would be a redirection to the shell: it stands as a plain word, known to be unknown. */
function appendWithPlaceholders(builder: SnippetBuilder, placeholders: Span[], line: string, fileOffset: number): void {
  let at = 0;
  for (const match of line.matchAll(PLACEHOLDER)) {
    builder.append(line.slice(at, match.index), fileOffset + at);
    placeholders.push({ offset: builder.code.length, length: match[0].length });
    builder.append('x'.repeat(match[0].length), fileOffset + match.index);
    at = match.index + match[0].length;
  }
  builder.append(line.slice(at), fileOffset + at);
}

/** How often a request's values were walked for placeholders, for tests that hold the walk to files that have one. */
export const placeholderWalks = { count: 0 };

/** One info finding per placeholder inside a command's values: it is not checked, and says so. */
function placeholderProblems(root: LocatedValue, snippet: ShellSnippet, text: string): ParseProblem[] {
  if (!snippet.templates?.length) return [];
  placeholderWalks.count++;
  const problems: ParseProblem[] = [];
  const seen = new Set<number>();
  const visit = (node: LocatedValue, pointer: string) => {
    for (const span of snippet.templates ?? []) {
      const start = snippet.toFile(span.offset);
      if (seen.has(start) || node.children) continue;
      if (start >= node.span.offset && start < node.span.offset + Math.max(node.span.length, 1)) {
        seen.add(start);
        const written = text.slice(start, start + span.length);
        problems.push({
          ruleId: 'doc-placeholder',
          sourceRule: true,
          message: `\`${written}\` is a placeholder, so the value at ${pointer || '/'} is not checked. Readers must fill it in; otalint checks the rest of the command.`,
          offset: start,
          length: span.length,
          path: pointer,
        });
      }
    }
    for (const [key, child] of node.children ?? []) visit(child, `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  visit(root, '');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

interface Line {
  readonly start: number;
  readonly text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ start, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw });
    start += raw.length + 1;
  }
  return lines;
}

/** `# otalint-disable...` comments on lines of their own that `applies` accepts. */
function readLineComments(text: string, applies: (line: string) => boolean): DisableComment[] {
  const out: DisableComment[] = [];
  for (const line of linesOf(text)) {
    if (!applies(line.text)) continue;
    const hash = line.text.indexOf('#');
    if (hash === -1 || line.text.slice(0, hash).trim() !== '') continue;
    const comment = parseDirective(line.text.slice(hash), line.start + hash);
    if (comment) out.push(comment);
  }
  return out;
}

function mergeComments(text: string, shell: readonly DisableComment[]): DisableComment[] {
  const host = readDisableComments(text);
  const offsets = new Set(host.map((comment) => comment.offset));
  return [...host, ...shell.filter((comment) => !offsets.has(comment.offset))].sort((a, b) => a.offset - b.offset);
}

function parseYaml(text: string): Document.Parsed | undefined {
  try {
    return yaml().parseDocument(text, { logLevel: 'silent', uniqueKeys: false });
  } catch {
    return undefined;
  }
}

function shellSetting(node: YamlNode | undefined): string | undefined {
  return yaml().isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
}

/** Literal `env:` / `variables:` values (no expressions), with where each character is. */
function environment(node: YamlNode | undefined, text: string): Map<string, HostLiteral> {
  const out = new Map<string, HostLiteral>();
  const Y = yaml();
  if (!Y.isMap(node)) return out;
  for (const pair of node.items) {
    if (!Y.isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    let value = pair.value as YamlNode | undefined;
    // GitLab: `NAME: { value: ..., description: ... }`.
    if (Y.isMap(value)) value = value.get('value', true) as YamlNode | undefined;
    if (!Y.isScalar(value) || value.value === null || typeof value.value === 'object') continue;
    const string = String(value.value);
    if (string.includes('${{') || string.includes('$')) continue;
    const embedded = scalarCode(value, text);
    const offsets = embedded && embedded.code === string ? [...string].map((_, i) => embedded.toFile(i)) : [...string].map(() => value.range?.[0] ?? 0);
    offsets.push((offsets[offsets.length - 1] ?? value.range?.[0] ?? 0) + (embedded && embedded.code === string ? 1 : 0));
    out.set(name, { value: string, offsets });
  }
  return out;
}

/**
 * A YAML scalar's text as the program gets it, with each character's place in the file. Exact for
 * block literals and for plain or quoted one-line scalars written without escapes; otherwise each
 * character is placed at the scalar's start (findings still land on it, fixes are not offered).
 */
function scalarCode(node: Scalar, text: string): CodeMap | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  const value = node.value;
  const builder = new SnippetBuilder();
  if (node.type === 'BLOCK_LITERAL') {
    const header = text.indexOf('\n', start);
    if (header === -1) return undefined;
    const lines = linesOf(text.slice(header + 1, valueEnd));
    const indent = Math.min(...lines.filter((line) => line.text.trim() !== '').map((line) => /^ */.exec(line.text)![0].length));
    let code = '';
    for (const line of lines) {
      const from = header + 1 + line.start + Math.min(indent, line.text.length);
      const piece = line.text.slice(Math.min(indent, line.text.length));
      builder.append(piece, from);
      builder.append('\n', header + 1 + line.start + line.text.length);
      code += `${piece}\n`;
    }
    if (code.replace(/\n+$/, '') === value.replace(/\n+$/, '')) return builder.build();
  } else if (node.type === 'PLAIN' || node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') {
    const quote = node.type === 'PLAIN' ? 0 : 1;
    const inner = text.slice(start + quote, valueEnd - quote);
    if (inner === value) {
      builder.append(value, start + quote);
      return builder.build();
    }
  }
  const approximate = new SnippetBuilder();
  for (let i = 0; i < value.length; i++) approximate.append(value[i]!, start);
  return approximate.build();
}

/** The code with each host expression replaced by a placeholder word of the same length. */
function hostTemplates(embedded: { code: string }, pattern: RegExp): { code: string; spans: Span[] } {
  const spans: Span[] = [];
  const code = embedded.code.replace(pattern, (match: string, offset: number) => {
    spans.push({ offset, length: match.length });
    return 'x'.repeat(match.length);
  });
  return { code, spans };
}

/** The folder holding `.github`: where a workflow's steps run. */
function repositoryRoot(workflowFolder: string): string {
  for (let dir = workflowFolder; ; dir = path.dirname(dir)) {
    if (path.basename(dir) === '.github') return path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return dir;
  }
}

/** The readers, by source kind id (loaded with the bash parser, on first use). */
export const HOST_READERS = {
  shell: readShellScript,
  makefile: readMakefile,
  'github-workflow': readGithubWorkflow,
  'gitlab-ci': readGitlabCi,
  markdown: readMarkdown,
} as const;
