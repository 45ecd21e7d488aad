// The otalint extension: starts `otalint lsp --stdio` for the files otalint reads. Everything
// else (findings, fixes, hover, completion) is the language server's. Bundled to CommonJS
// (dist/extension.cjs) by bundle.mjs, as VS Code loads it.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node.js';
import { LANGUAGES, SETTINGS_FILES, serverCommand } from './server-options.mjs';

let client;

export async function activate(context) {
  const server = { ...serverCommand(vscode.workspace.getConfiguration('otalint')), transport: TransportKind.stdio };
  client = new LanguageClient('otalint', 'otalint', server, {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(SETTINGS_FILES) },
  });
  context.subscriptions.push(client);
  await client.start();
}

export function deactivate() {
  return client === undefined ? undefined : client.stop();
}
