import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES, type Linter } from '@otalint/core/engine';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IGNORE_FILE } from '../discover.js';
import type { RuleInfo } from '../formatters/types.js';
import { ruleInfo } from '../lint-run.js';
import { VERSION } from '../version.js';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { completionItems } from './completion.js';
import { configErrorDiagnostic, stoppedDiagnostic, toDiagnostic } from './diagnostics.js';
import { hoverMarkdown } from './hover.js';
import { LintThread, type ThreadOutcome } from './lint-thread.js';
import { Workspace } from './workspace.js';

/** How long typing must pause before a changed document is linted again (ms). */
const DEFAULT_DEBOUNCE_MS = 200;

/** Files whose change changes what every open file's findings are. */
const SETTINGS_FILES: readonly string[] = [...CONFIG_FILE_NAMES, IGNORE_FILE];

export interface ServeOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly debug: boolean;
  /** Plugin rules' time budget per request (OTALINT_RULE_TIMEOUT_MS): past twice that and 2 s more, a lint is stuck. */
  readonly ruleBudgetMs: number;
}

/** What the server knows of an open document: its last lint, for code actions, hover and completion. */
interface Linted {
  readonly version: number;
  readonly outcome: Exclude<ThreadOutcome, { kind: 'superseded' }>;
}

/** The answer to a request the client cancelled (`$/cancelRequest`). */
const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/**
 * `otalint lsp`: the Language Server Protocol (3.17) over the given streams. Diagnostics are
 * pushed when a document opens and, debounced, when it changes; code actions carry each fix,
 * each suggestion, a config suppression and "fix all"; hover shows the AWS model's documentation
 * of a member and the explanation of a finding; completion offers member names and enum values
 * in JSON and YAML request files. Resolves when the client closes the connection.
 */
export function serve(options: ServeOptions): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, options.input, options.output);
  const documents = new TextDocuments(TextDocument);
  // This thread answers the editor and reads for hover; rules run in the lint thread.
  const workspace = new Workspace(options.debug);
  const thread = new LintThread({
    debug: options.debug,
    stuckAfterMs: 2 * options.ruleBudgetMs + 2000,
    log: (text, isError) => (isError ? connection.console.error(text) : connection.console.log(text)),
  });
  const linted = new Map<string, Linted>();
  /** The lint on its way for each document, and of which version. */
  const linting = new Map<string, { readonly version: number; readonly done: Promise<void> }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const rulesOf = new WeakMap<Linter, Map<string, RuleInfo>>();
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let watchFiles = false;
  let watchFolders = false;
  // Standard output is the protocol's: whatever a rule or plugin logs goes to the client's log.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  const report = (what: string, error: unknown) =>
    connection.console.error(`otalint: ${what}: ${options.debug ? ((error as Error)?.stack ?? String(error)) : ((error as Error)?.message ?? String(error))}`);
  // One failing request must not take the server (and every open file's diagnostics) down.
  process.on('uncaughtException', (error) => report('internal error', error));
  process.on('unhandledRejection', (error) => report('internal error', error));

  const rules = (linter: Linter) => {
    let info = rulesOf.get(linter);
    if (!info) rulesOf.set(linter, (info = ruleInfo(linter)));
    return info;
  };

  /** Lint the document's current version (once: a lint of it on its way is the one). */
  function lint(uri: string): Promise<void> {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const document = documents.get(uri);
    const file = filePathOf(uri);
    if (!document || !file) return Promise.resolve();
    const version = document.version;
    const known = linting.get(uri);
    if (known?.version === version) return known.done;
    const done = (async () => {
      const outcome = await thread.lint(uri, file, document.getText());
      if (linting.get(uri)?.version === version) linting.delete(uri);
      // A newer version is on its way (or the file was closed): this result is stale.
      if (outcome.kind === 'superseded' || documents.get(uri)?.version !== version) return;
      linted.set(uri, { version, outcome });
      await connection.sendDiagnostics({ uri, version, diagnostics: await diagnosticsOf(outcome, document) });
    })().catch((error: unknown) => report(`cannot lint ${file}`, error));
    linting.set(uri, { version, done });
    return done;
  }

  async function diagnosticsOf(outcome: Linted['outcome'], document: TextDocument): Promise<Diagnostic[]> {
    if (outcome.kind === 'skipped') return [];
    if (outcome.kind === 'config-error') return [configErrorDiagnostic(outcome.message)];
    if (outcome.kind === 'stopped') return [stoppedDiagnostic(outcome.message)];
    const info = await workspace.linterFor(outcome.root).then(rules, () => new Map<string, RuleInfo>());
    return outcome.result.messages.map((finding, index) => toDiagnostic(finding, index, document, info));
  }

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => void lint(uri), debounceMs),
    );
  }

  /** The last lint of a document, waiting for the lint of its text when it is older; rejects with `cancelled` when the request is. */
  async function current(uri: string, token: CancellationToken): Promise<Linted | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    if (linted.get(uri)?.version !== document.version) {
      // A token cancelled before the handler ran never fires its event.
      if (token.isCancellationRequested) throw cancelled();
      const waited = await new Promise<boolean>((resolve) => {
        const listener = token.onCancellationRequested(() => resolve(false));
        void lint(uri).then(() => {
          listener.dispose();
          resolve(true);
        });
      });
      if (!waited) throw cancelled();
    }
    const entry = linted.get(uri);
    return entry?.version === document.version ? entry : undefined;
  }

  function relintAll(): void {
    workspace.reload();
    thread.reload();
    for (const document of documents.all()) void lint(document.uri);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspace.setRoots(rootsOf(params));
    thread.setRoots(rootsOf(params));
    const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    watchFolders = params.capabilities.workspace?.workspaceFolders === true;
    return {
      serverInfo: { name: 'otalint', version: VERSION },
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: SETTINGS_FILES.map((name) => ({ globPattern: `**/${name}` })),
      });
    }
    if (watchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        workspace.setRoots(folders.map((folder) => fileURLToPath(folder.uri)));
        thread.setRoots(folders.map((folder) => fileURLToPath(folder.uri)));
        relintAll();
      });
    }
  });

  // TextDocuments fires a content change right after each open: that one is the opening's lint.
  const opening = new Set<string>();
  documents.onDidOpen((event) => {
    opening.add(event.document.uri);
    void lint(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    if (!opening.delete(event.document.uri)) schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    linted.delete(event.document.uri);
    linting.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  documents.onDidSave((event) => {
    // Clients that cannot watch files still tell us when a config open in them is saved.
    if (SETTINGS_FILES.includes(path.basename(filePathOf(event.document.uri) ?? ''))) relintAll();
  });
  connection.onDidChangeWatchedFiles((event) => {
    if (event.changes.some((change) => SETTINGS_FILES.includes(path.basename(filePathOf(change.uri) ?? '')))) relintAll();
  });
  connection.onDidChangeConfiguration(() => relintAll());

  connection.onCodeAction(async (request, token) => {
    const uri = request.textDocument.uri;
    const document = documents.get(uri);
    const entry = await current(uri, token);
    if (!document || entry?.outcome.kind !== 'linted') return [];
    const { result, root, filePath } = entry.outcome;
    const linter = await workspace.linterFor(root).catch(() => undefined);
    if (!linter || token.isCancellationRequested) return token.isCancellationRequested ? cancelled() : [];
    const text = document.getText();
    return codeActions(
      { result, linter, root, filePath },
      document,
      request,
      (file) => documents.get(pathToFileURL(file).href)?.getText(),
      () => thread.fixed(uri, path.resolve(root, filePath), text),
    );
  });

  // Hover and completion never wait for a lint: they read the text here, with the last findings.
  connection.onHover(async (request, token) => {
    const document = documents.get(request.textDocument.uri);
    const file = filePathOf(request.textDocument.uri);
    const entry = linted.get(request.textDocument.uri);
    if (!document || !file || (entry && entry.outcome.kind !== 'linted' && entry.outcome.kind !== 'stopped')) return null;
    const result = entry?.outcome.kind === 'linted' ? entry.outcome.result : undefined;
    const read = await workspace.read(file, document.getText(), result?.kind);
    if (token.isCancellationRequested) return cancelled();
    if (!read) return null;
    const findings = result && entry?.version === document.version ? result.messages : [];
    const markdown = await hoverMarkdown(read.document, findings, document.offsetAt(request.position), rules(read.linter));
    return markdown === undefined ? null : { contents: { kind: MarkupKind.Markdown, value: markdown } };
  });

  connection.onCompletion(async (request, token) => {
    const document = documents.get(request.textDocument.uri);
    const file = filePathOf(request.textDocument.uri);
    const entry = linted.get(request.textDocument.uri);
    if (!document || !file || (entry && entry.outcome.kind !== 'linted' && entry.outcome.kind !== 'stopped')) return [];
    const kind = entry?.outcome.kind === 'linted' ? entry.outcome.result.kind : await workspace.kindOf(file, document.getText());
    if (token.isCancellationRequested) return cancelled();
    if (kind === undefined) return [];
    return completionItems(document, kind, document.offsetAt(request.position));
  });

  connection.onShutdown(async () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    await thread.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return new Promise((resolve) => connection.onExit(() => resolve()));
}

/** The folders the client has open; the server's own folder when it names none. */
function rootsOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = uris.map(filePathOf).filter((root): root is string => root !== undefined);
  if (roots.length === 0 && params.rootPath) roots.push(params.rootPath);
  return roots.length > 0 ? roots : [process.cwd()];
}

/** The file a `file:` URI names; undefined for other schemes (unsaved buffers, virtual files). */
function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
