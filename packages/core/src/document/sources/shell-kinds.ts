import path from 'node:path';
import type { ReadContext, SourceDocument, SourceKind } from '../types.js';

/**
 * The kinds that read `aws iot create-ota-update` command lines: shell scripts, Makefiles,
 * GitHub Actions workflows, GitLab CI, and shell blocks in Markdown. Only their names and
 * patterns load with otalint; the readers and the bash parser (tree-sitter's WASM runtime and
 * grammar) load in `prepare`, the first time a file of one of these kinds is read.
 */

let readers: Record<string, (filePath: string, text: string, context?: ReadContext) => SourceDocument> | undefined;
let loading: Promise<void> | undefined;

function prepare(): Promise<void> {
  loading ??= (async () => {
    const { HOST_READERS, prepareBash } = await import('./shell/hosts.js');
    await prepareBash();
    readers = HOST_READERS;
  })();
  return loading;
}

function reader(kind: string) {
  return (filePath: string, text: string, context?: ReadContext): SourceDocument => {
    const read = readers?.[kind];
    if (!read) throw new Error(`The shell parser is not loaded: await linter.prepare("${filePath}") before reading it.`);
    return read(filePath, text, context);
  };
}

/** The cheap test for files a folder brings in: a request needs the operation's name. */
const mentionsOperation = (text: string): boolean => text.includes('create-ota-update');
const normalized = (filePath: string) => filePath.split(path.sep).join('/');

const SHELL_SHEBANG = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(?:ba|da|k|z)?sh\b/;

export const shellKind: SourceKind = {
  id: 'shell',
  description: 'shell scripts (*.sh, *.bash, shebang)',
  // Files without an extension are read only when their shebang names a shell (see claims).
  patterns: ['**/*.sh', '**/*.bash', '**/!(*.*)'],
  claims: (filePath, text) => /\.(sh|bash)$/i.test(filePath) || (text !== undefined && !path.basename(filePath).includes('.') && SHELL_SHEBANG.test(text)),
  mayHoldRequests: mentionsOperation,
  prepare,
  read: reader('shell'),
};

export const makefileKind: SourceKind = {
  id: 'makefile',
  description: 'Makefiles',
  patterns: ['**/Makefile', '**/makefile', '**/GNUmakefile', '**/*.mk'],
  claims: (filePath) => /^(?:GNUmakefile|[Mm]akefile)$/.test(path.basename(filePath)) || /\.mk$/i.test(filePath),
  mayHoldRequests: mentionsOperation,
  prepare,
  read: reader('makefile'),
};

export const githubWorkflowKind: SourceKind = {
  id: 'github-workflow',
  description: 'GitHub workflows',
  patterns: ['**/.github/workflows/*.yml', '**/.github/workflows/*.yaml'],
  claims: (filePath) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized(filePath)),
  mayHoldRequests: mentionsOperation,
  prepare,
  read: reader('github-workflow'),
};

export const gitlabCiKind: SourceKind = {
  id: 'gitlab-ci',
  description: 'GitLab CI',
  patterns: ['**/.gitlab-ci.yml', '**/*.gitlab-ci.yml'],
  claims: (filePath) => /(^|[./])gitlab-ci\.yml$/i.test(path.basename(filePath)),
  mayHoldRequests: mentionsOperation,
  prepare,
  read: reader('gitlab-ci'),
};

export const markdownKind: SourceKind = {
  id: 'markdown',
  description: 'Markdown (*.md)',
  patterns: ['**/*.md', '**/*.markdown'],
  claims: (filePath) => /\.(md|markdown)$/i.test(filePath),
  mayHoldRequests: mentionsOperation,
  prepare,
  read: reader('markdown'),
};

/** In the order they claim files: the workflow and CI kinds before the YAML request-file kind. */
export const COMMAND_LINE_KINDS: readonly SourceKind[] = [githubWorkflowKind, gitlabCiKind, makefileKind, markdownKind, shellKind];
