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

/** A kind whose files are read for command lines, once the bash parser is loaded. */
function commandLineKind(id: string, description: string, patterns: readonly string[], claims: Pick<SourceKind, 'claims' | 'extensions'>): SourceKind {
  return { id, description, patterns, ...claims, mayHoldRequests: mentionsOperation, prepare, read: reader(id) };
}

const shellKind = commandLineKind(
  'shell',
  'shell scripts (*.sh, *.bash, shebang)',
  // Files without an extension are read only when their shebang names a shell (see claims).
  ['**/*.sh', '**/*.bash', '**/!(*.*)'],
  {
    // '': names without a dot, and the dot files `.sh` and `.bash`.
    extensions: ['.sh', '.bash', ''],
    claims: (filePath, text) => /\.(sh|bash)$/i.test(filePath) || (text !== undefined && !path.basename(filePath).includes('.') && SHELL_SHEBANG.test(text)),
  },
);

const makefileKind = commandLineKind(
  'makefile',
  'Makefiles',
  ['**/Makefile', '**/makefile', '**/GNUmakefile', '**/*.mk'],
  // '': Makefile, and the dot file `.mk`.
  { extensions: ['', '.mk'], claims: (filePath) => /^(?:GNUmakefile|[Mm]akefile)$/.test(path.basename(filePath)) || /\.mk$/i.test(filePath) },
);

const githubWorkflowKind = commandLineKind('github-workflow', 'GitHub workflows', ['**/.github/workflows/*.yml', '**/.github/workflows/*.yaml'], {
  extensions: ['.yml', '.yaml'],
  claims: (filePath) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized(filePath)),
});

const gitlabCiKind = commandLineKind('gitlab-ci', 'GitLab CI', ['**/.gitlab-ci.yml', '**/*.gitlab-ci.yml'], {
  extensions: ['.yml'],
  claims: (filePath) => /(^|[./])gitlab-ci\.yml$/i.test(path.basename(filePath)),
});

const markdownKind = commandLineKind('markdown', 'Markdown (*.md)', ['**/*.md', '**/*.markdown'], {
  // '': the dot files `.md` and `.markdown`.
  extensions: ['.md', '.markdown', ''],
  claims: (filePath) => /\.(md|markdown)$/i.test(filePath),
});

/** In the order they claim files: the workflow and CI kinds before the YAML request-file kind. */
export const COMMAND_LINE_KINDS: readonly SourceKind[] = [githubWorkflowKind, gitlabCiKind, makefileKind, markdownKind, shellKind];
