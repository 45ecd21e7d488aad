#!/usr/bin/env node
// Memory of `otalint lsp --stdio` over a long session: one request file, edited N times (each
// edit waits for its diagnostics, so every version is linted), the server's resident memory
// (VmRSS, Linux) and its live heap after a full GC (a preload answers SIGUSR2 with gc() and
// process.memoryUsage()) printed every N/10 edits. A flat heap after GC means no per-edit leak.
//
//   node bench/lsp-memory.mjs [--edits 10000]      (after `node scripts/build.mjs`)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'packages/cli/package.json'));
const rpc = require('vscode-languageserver-protocol/node.js');
const { values } = parseArgs({ options: { edits: { type: 'string', default: '10000' } } });
const edits = Number(values.edits);

const dir = mkdtempSync(path.join(tmpdir(), 'otalint-lsp-memory-'));
const usageFile = path.join(dir, 'usage.json');
const preload = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs'; process.on('SIGUSR2', () => { gc(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.memoryUsage())); });`,
)}`;
const child = spawn(process.execPath, ['--expose-gc', '--import', preload, path.join(root, 'packages/cli/bin/otalint.js'), 'lsp', '--stdio'], {
  cwd: dir,
  stdio: ['pipe', 'pipe', 'inherit'],
});
const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
  waiting.get(params.version)?.(params);
  waiting.delete(params.version);
});
connection.listen();

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
/** The server's live heap after a full GC, in MB. */
async function heapAfterGc() {
  rmSync(usageFile, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    try {
      return JSON.parse(readFileSync(usageFile, 'utf8')).heapUsed / 1024 / 1024;
    } catch {
      // not written yet
    }
  }
  throw new Error('the server did not report its memory');
}
const request = (i) =>
  JSON.stringify(
    {
      otaUpdateId: `fw ${i}`,
      description: `edit ${i} 🚀`,
      targets: ['arn:aws:iot:us-east-1:123456789012:thinggroup/sensors'],
      protocols: [i % 2 ? 'mqtt' : 'MQTT'],
      targetSelection: 'snapshot',
      files: [{ fileName: 'firmware.bin', fileLocation: { stream: { streamId: 'fw', fileId: i % 300 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
      roleArn: 'arn:aws:iam::123456789012:role/ota-update-role',
    },
    null,
    2,
  );

const uri = pathToFileURL(path.join(dir, 'update.json')).href;
await connection.sendRequest(rpc.InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  capabilities: {},
  initializationOptions: { debounceMs: 0 },
});
await connection.sendNotification(rpc.InitializedNotification.type, {});
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
let next = published(1);
await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: request(0) } });
await next;

console.log(`otalint lsp: ${edits} didChange events on one file, each linted (node ${process.version})`);
console.log('edits    server RSS (MB)   heap after GC (MB)   ms per edit');
const row = async (i, ms) =>
  console.log(
    `${String(i).padStart(5)}    ${rss().toFixed(1).padStart(15)}   ${(await heapAfterGc()).toFixed(2).padStart(18)}   ${ms === undefined ? '' : ms.toFixed(2).padStart(11)}`,
  );
await row(0);
let started = process.hrtime.bigint();
for (let i = 1; i <= edits; i++) {
  const version = i + 1;
  next = published(version);
  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: request(i) }] });
  await next;
  if (i % (edits / 10) === 0) {
    await row(i, Number(process.hrtime.bigint() - started) / 1e6 / (edits / 10));
    started = process.hrtime.bigint();
  }
}
await connection.sendRequest(rpc.ShutdownRequest.type);
await connection.sendNotification(rpc.ExitNotification.type);
await new Promise((resolve) => child.once('exit', resolve));
connection.dispose();
rmSync(dir, { recursive: true, force: true });
