#!/usr/bin/env node
// What the certificate and signature checks cost: lints, in memory, a request signed with
// customCodeSigning (real signature, inline X.509 certificate) and the same request signed with an
// awsSignerJobId, with every rule of the `all` preset, and prints microseconds per file for each:
// once with the same certificate in every file (parsed once, then cached), once with a certificate
// text that differs in every file (trailing line breaks), so every file parses its own.
// Usage: node bench/signing-rules.mjs [iterations=3000]. Needs a build first (pnpm build).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const core = await import(path.join(root, 'packages/core/dist/engine.js'));
const { rules, configs } = await import(path.join(root, 'packages/rules/dist/index.js'));

const iterations = Number(process.argv[2] ?? 3000);
const active = Object.entries(configs.all.rules).map(([id, setting]) => ({
  id,
  rule: rules[id],
  severity: core.toSeverity(setting),
  options: rules[id].defaultOptions,
}));

const customText = readFileSync(path.join(root, 'fixtures/good/custom-signing-ecdsa.json'), 'utf8');
const signerRequest = JSON.parse(customText);
signerRequest.files[0].codeSigning = { awsSignerJobId: '48c67f3c-63bb-4f92-a98a-4ee0fbc2bef6' };
const signerText = `${JSON.stringify(signerRequest, null, 2)}\n`;

/** A variant of the custom-signing request whose certificate text is new for the i-th file. */
function withFreshCertificate(i) {
  const request = JSON.parse(customText);
  request.files[0].codeSigning.customCodeSigning.certificateChain.inlineDocument += '\n'.repeat(i % 1000);
  return `${JSON.stringify(request, null, 2)}\n`;
}

function microsecondsPerFile(textOf) {
  let n = 0;
  const lint = () => core.lintDocument(core.readSource('bench.json', textOf(n++)), active);
  for (let i = 0; i < 200; i++) lint(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const result = lint();
    if (result.messages.length > 0) throw new Error(`the bench request is not clean: ${result.messages[0].message}`);
  }
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

const freshTexts = Array.from({ length: 1000 }, (_, i) => withFreshCertificate(i));
const signer = microsecondsPerFile(() => signerText);
const same = microsecondsPerFile(() => customText);
const fresh = microsecondsPerFile((i) => freshTexts[i % freshTexts.length]);
const extra = (value) => `${value.toFixed(1)} µs/file (+${(value - signer).toFixed(1)} µs over awsSignerJobId)`;
console.log(`${active.length} rules (all preset), ${iterations} iterations each`);
console.log(`awsSignerJobId request:                        ${signer.toFixed(1)} µs/file`);
console.log(`customCodeSigning, same certificate each file: ${extra(same)}`);
console.log(`customCodeSigning, new certificate each file:  ${extra(fresh)}`);
