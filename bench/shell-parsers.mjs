#!/usr/bin/env node
// Shell parsers for the command-line source kinds, measured side by side: web-tree-sitter +
// tree-sitter-bash (project dependencies) and sh-syntax (mvdan/sh in WASM; not a dependency:
// `npm i --prefix /tmp/sh-bench sh-syntax` and pass --sh-syntax /tmp/sh-bench). Prints load time
// (fresh process, median), parse time per script (median), whether the tree has the command's
// words with offsets, and tree-sitter's error count, over the scripts given (default: a
// generated release script and this repository's .ci/run and fixtures).
//
//   node bench/shell-parsers.mjs [--runs 9] [--sh-syntax DIR] [script.sh ...]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '9' }, 'sh-syntax': { type: 'string' } }, allowPositionals: true });
const runs = Number(values.runs);
const requireCore = createRequire(path.join(root, 'packages/core/package.json'));

const command = `aws iot create-ota-update --ota-update-id "fw-\${VERSION}" --targets "$GROUP_ARN" \\
  --aws-job-executions-rollout-config 'maximumPerMinute=10,exponentialRate={baseRatePerMinute=5,incrementFactor=1.5,rateIncreaseCriteria={numberOfNotifiedThings=10}}' \\
  --files "$(cat <<JSON
[{"fileName": "fw.bin", "fileLocation": {"s3Location": {"bucket": "$BUCKET", "key": "fw.bin", "version": "$V"}}}]
JSON
)" --role-arn "$ROLE_ARN"
`;
const generated = `#!/usr/bin/env bash\nset -euo pipefail\n${'build_step() { make -C "$1" all && echo "built $1"; }\nfor d in a b c; do build_step "$d"; done\n'.repeat(150)}${command}`;
const scripts = (
  positionals.length > 0
    ? positionals
    : [
        path.join(root, '.ci/run'),
        path.join(root, 'fixtures/command-line/freertos-ota-update.sh'),
        path.join(root, 'fixtures/command-line/release-mistakes.sh'),
      ]
).map((file) => ({ name: path.relative(root, file), text: readFileSync(file, 'utf8') }));
scripts.unshift({ name: `generated release script (${generated.split('\n').length} lines)`, text: generated });

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

function loadTime(code) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: root });
    if (result.status !== 0) throw new Error(result.stderr);
    times.push(Number(result.stdout.trim()));
  }
  return median(times);
}

const treeSitterPaths = {
  runtime: pathToFileURL(requireCore.resolve('web-tree-sitter')).href,
  grammar: requireCore.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
};
const loadTreeSitter = `const t = performance.now(); const { Parser, Language } = await import(${JSON.stringify(treeSitterPaths.runtime)}); await Parser.init();
const lang = await Language.load(${JSON.stringify(treeSitterPaths.grammar)}); const p = new Parser(); p.setLanguage(lang); p.parse('true');
console.log((performance.now() - t).toFixed(1));`;

const { Parser, Language } = await import(treeSitterPaths.runtime);
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(treeSitterPaths.grammar));

let shSyntax;
if (values['sh-syntax']) {
  const requireSh = createRequire(path.join(path.resolve(values['sh-syntax']), 'package.json'));
  shSyntax = await import(pathToFileURL(requireSh.resolve('sh-syntax')).href);
}

console.log(`load (fresh process, median of ${runs}):`);
console.log(`  web-tree-sitter + tree-sitter-bash  ${loadTime(loadTreeSitter)} ms`);
if (shSyntax) {
  const url = pathToFileURL(createRequire(path.join(path.resolve(values['sh-syntax']), 'package.json')).resolve('sh-syntax')).href;
  console.log(
    `  sh-syntax                           ${loadTime(`const t = performance.now(); const s = await import(${JSON.stringify(url)}); await s.parse('true'); console.log((performance.now() - t).toFixed(1));`)} ms`,
  );
}

function countErrors(node) {
  let count = node.type === 'ERROR' || node.isMissing ? 1 : 0;
  for (const child of node.children) if (child) count += countErrors(child);
  return count;
}
function findWords(node) {
  if (node.type === 'command' && node.childForFieldName('name')?.text === 'aws') return node.childrenForFieldName('argument').length;
  for (const child of node.children) {
    const found = child && findWords(child);
    if (found) return found;
  }
  return 0;
}

console.log(`\nparse (median of ${runs}, ms) | tree-sitter errors | aws words with offsets (tree-sitter / sh-syntax)`);
for (const { name, text } of scripts) {
  const times = [];
  let tree;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    tree?.delete();
    tree = parser.parse(text);
    times.push(performance.now() - t);
  }
  let shTimes = 'n/a';
  let shWords = 'n/a';
  if (shSyntax) {
    const list = [];
    let ast;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      try {
        ast = await shSyntax.parse(text);
      } catch {
        ast = undefined;
      }
      list.push(performance.now() - t);
    }
    shTimes = median(list).toFixed(2);
    // mvdan/sh's JSON tree as sh-syntax returns it: does a statement's command carry its words?
    shWords = ast ? String(ast.Stmts.some((stmt) => Array.isArray(stmt.Cmd?.Args))) : 'parse failed';
  }
  console.log(
    `  ${name.padEnd(48)} tree-sitter ${median(times).toFixed(2).padStart(7)}  sh-syntax ${String(shTimes).padStart(7)} | ${String(countErrors(tree.rootNode)).padStart(2)} | ${findWords(tree.rootNode) || '-'} / ${shWords}`,
  );
  tree.delete();
}
