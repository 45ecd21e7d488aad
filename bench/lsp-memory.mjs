#!/usr/bin/env node
// Memory of `otalint lsp --stdio` over a long session: one request file, edited N times (each
// edit waits for its diagnostics, so every version is linted), the server's resident memory
// (VmRSS, Linux: both threads) and the live heap after a full GC of the thread that answers the
// editor and of the lint thread, printed every N/10 edits. A flat heap after GC means no per-edit
// leak. A preload answers SIGUSR2 with gc() and process.memoryUsage(), and starts each worker
// thread of the server with a --require hook that does the same on a BroadcastChannel (the
// bench's own hook: the server has no such request).
//
//   node bench/lsp-memory.mjs [--edits 10000]      (after `node scripts/build.mjs`)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const workerHook = path.join(dir, 'worker-hook.cjs');
writeFileSync(
  workerHook,
  // A worker cannot take --expose-gc: the flag is set from inside, and gc() taken from a new context.
  `require('node:v8').setFlagsFromString('--expose-gc'); const collect = require('node:vm').runInNewContext('gc');
const c = new (require('node:worker_threads').BroadcastChannel)('otalint-bench-memory'); c.unref();
c.onmessage = (event) => { if (event.data === 'ask') { collect(); c.postMessage(process.memoryUsage().heapUsed); } };\n`,
);
const preload = `data:text/javascript,${encodeURIComponent(`
import { writeFileSync } from 'node:fs';
import threads from 'node:worker_threads';
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(entry, options) { super(entry, { ...options, execArgv: ['--require', ${JSON.stringify(workerHook)}] }); }
};
const channel = new threads.BroadcastChannel('otalint-bench-memory');
channel.unref();
process.on('SIGUSR2', async () => {
  gc();
  const heapUsed = process.memoryUsage().heapUsed;
  const worker = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 2000);
    channel.onmessage = (event) => { if (typeof event.data === 'number') { clearTimeout(timer); resolve(event.data); } };
    channel.postMessage('ask');
  });
  writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ heapUsed, worker }));
});`)}`;
const child = spawn(process.execPath, ['--expose-gc', '--import', preload, path.join(root, 'packages/cli/bin/otalint.cjs'), 'lsp', '--stdio'], {
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
/** The live heaps after a full GC, in MB: the server's main thread and its lint thread (null when it has none). */
async function heapAfterGc() {
  rmSync(usageFile, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    try {
      const { heapUsed, worker } = JSON.parse(readFileSync(usageFile, 'utf8'));
      return { main: heapUsed / 1024 / 1024, worker: worker === null ? null : worker / 1024 / 1024 };
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
console.log('edits    server RSS (MB)   heap after GC (MB): main thread   lint thread   ms per edit');
const row = async (i, ms) => {
  const heap = await heapAfterGc();
  const worker = heap.worker === null ? '-' : heap.worker.toFixed(2);
  console.log(
    `${String(i).padStart(5)}    ${rss().toFixed(1).padStart(15)}   ${heap.main.toFixed(2).padStart(31)}   ${worker.padStart(11)}   ${ms === undefined ? '' : ms.toFixed(2).padStart(11)}`,
  );
};
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
