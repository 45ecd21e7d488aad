import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  CompletionRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CompletionItem,
  type MarkupContent,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BIN } from '../helpers/run-cli.js';

/**
 * A language client over stdio, made with vscode-languageserver-protocol's client side, driving
 * the built `otalint lsp --stdio` as an editor would. It keeps every diagnostics notification.
 */
export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly stderr: string[] = [];
  /** What the server wrote to the client's log (window/logMessage). */
  readonly logs: string[] = [];
  #waiters: Array<() => void> = [];
  #versions = new Map<string, number>();

  /** What the server answered to `initialize`. */
  initialized!: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    readonly root: string,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params.message));
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    connection.listen();
  }

  /** Servers started and not yet exited: a test that fails before `shutdown` leaves one. */
  static readonly #running = new Set<ChildProcess>();

  /**
   * Stop every server a test left running (call it in `test.after`): a server's pipes keep the
   * test process alive, so one failed assertion would otherwise hang the whole suite.
   */
  static stopAll(): void {
    for (const child of LspClient.#running) child.kill();
  }

  static async start(root: string, options: { debounceMs?: number; capabilities?: ClientCapabilities; env?: NodeJS.ProcessEnv } = {}): Promise<LspClient> {
    const env = { ...process.env, ...options.env };
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    LspClient.#running.add(child);
    child.once('exit', () => LspClient.#running.delete(child));
    const client = new LspClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child, root);
    client.initialized = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
      capabilities: options.capabilities ?? {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
      initializationOptions: { debounceMs: options.debounceMs ?? 50 },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).href;
  }

  async open(file: string, text: string, languageId = path.extname(file).slice(1)): Promise<string> {
    const uri = this.uri(file);
    this.#versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replace the whole text (a full change), as a new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.#versions.get(uri) ?? 1) + 1;
    this.#versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changedFiles(files: string[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: files.map((file) => ({ uri: this.uri(file), type: 2 })) });
  }

  /**
   * The first diagnostics published for a document after `since` (an index into `published`)
   * that satisfy `accept`; fails after `timeoutMs`.
   */
  async diagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    since = 0,
    timeoutMs = 20_000,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.slice(since).find((params) => params.uri === uri && accept(params));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no diagnostics for ${uri} that match; published: ${JSON.stringify(this.published.slice(since).map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}; stderr: ${this.stderr.join('')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The hover text at `needle` in the text (`delta` characters into it); undefined when the server has none. */
  async hoverAt(uri: string, text: string, needle: string, delta = 1): Promise<string | undefined> {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`${needle} is not in the text`);
    const position = TextDocument.create(uri, 'json', 0, text).positionAt(offset + delta);
    const hover = await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return hover ? (hover.contents as MarkupContent).value : undefined;
  }

  /** The completions at an offset of the text. */
  async completionsAt(uri: string, text: string, cursor: number): Promise<CompletionItem[]> {
    const position = TextDocument.create(uri, 'json', 0, text).positionAt(cursor);
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  /** Shut the server down as a client does; resolves with its exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
