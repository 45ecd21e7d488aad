#!/usr/bin/env node
// Scanning a whole repository with the command-line kinds: generates a repository of scripts,
// Makefiles, workflows and READMEs (most without any create-ota-update, as in real ones), runs
// the built CLI on it (median of --runs, fresh processes), and prints the time per run and per
// file, beside the same repository's request files alone.
//
//   node bench/command-lines.mjs [--files 3000] [--with-command 2] [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'packages/cli/bin/otalint.cjs');
const { values } = parseArgs({
  options: { files: { type: 'string', default: '3000' }, 'with-command': { type: 'string', default: '2' }, runs: { type: 'string', default: '5' } },
});
const total = Number(values.files);
const withCommand = Number(values['with-command']) / 100;
const runs = Number(values.runs);

const command = (i) => `aws iot create-ota-update --ota-update-id "fw-${i}" --targets "$GROUP_ARN" \\
  --aws-job-executions-rollout-config 'maximumPerMinute=10' --protocols MQTT \\
  --files '[{"fileName": "fw.bin", "fileLocation": {"stream": {"streamId": "fw", "fileId": 0}}, "codeSigning": {"awsSignerJobId": "job"}}]' \\
  --role-arn "arn:aws:iam::123456789012:role/ota-role"
`;
const script = (i, ota) =>
  `#!/usr/bin/env bash\nset -euo pipefail\n${'for d in a b c; do make -C "$d" all; done\necho "step"\n'.repeat(40)}${ota ? command(i) : ''}`;
const readme = (i, ota) => `# Component ${i}\n\n${'Some prose about the component.\n\n'.repeat(30)}\`\`\`bash\nmake all\n${ota ? command(i) : ''}\`\`\`\n`;
const workflow = (i, ota) =>
  `name: ci ${i}\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          make all\n${ota ? command(i).replace(/^/gm, '          ') : ''}`;
const makefile = (i, ota) => `all:\n\tgcc -o app main.c\n${ota ? `ota:\n\t${command(i).replace(/\n(?=.)/g, '\n\t')}` : ''}`;
const request = (i) =>
  JSON.stringify({
    otaUpdateId: `fw-${i}`,
    targets: ['arn:aws:iot:us-east-1:123456789012:thing/a'],
    files: [],
    roleArn: 'arn:aws:iam::123456789012:role/ota-role',
  });

function makeRepository(includeCommandLines) {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-bench-repo-'));
  let commands = 0;
  for (let i = 0; i < total; i++) {
    const kind = i % 6;
    const folder = path.join(dir, `pkg${Math.floor(i / 60)}`);
    const ota = (i * 7919) % 100 < withCommand * 100;
    if (ota && kind !== 5) commands++;
    const write = (name, text) => {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    };
    if (kind === 5) write(`request-${i}.json`, request(i));
    else if (!includeCommandLines) continue;
    else if (kind === 0 || kind === 1) write(`scripts/run-${i}.sh`, script(i, ota));
    else if (kind === 2) write(`README-${i}.md`, readme(i, ota));
    else if (kind === 3) write(`.github/workflows/ci-${i}.yml`, workflow(i, ota));
    else write(`mk/rules-${i}.mk`, makefile(i, ota));
  }
  return { dir, commands };
}

function time(dir) {
  const times = [];
  let found;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, '.', '--format', 'json', '--no-error-on-unmatched-pattern'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    times.push(performance.now() - start);
    if (result.status !== 0 && result.status !== 1) throw new Error(result.stderr);
    found = JSON.parse(result.stdout).results;
  }
  return { ms: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)], found };
}

const requestsOnly = makeRepository(false);
const everything = makeRepository(true);
try {
  const base = time(requestsOnly.dir);
  const all = time(everything.dir);
  const requests = all.found.reduce((sum, result) => sum + (result.requests?.length ?? (result.kind ? 0 : 1)), 0);
  console.log(
    `repository: ${total} files (${Math.round(total / 6)} request files; the rest scripts, READMEs, workflows, Makefiles), ${everything.commands} with a create-ota-update command`,
  );
  console.log(`request files only:      ${base.ms.toFixed(0)} ms (median of ${runs})`);
  console.log(`with the command lines:  ${all.ms.toFixed(0)} ms, ${all.found.length} files reported, ${requests} requests`);
  console.log(
    `cost of the command-line kinds: ${(all.ms - base.ms).toFixed(0)} ms, ${((all.ms - base.ms) / (total - total / 6)).toFixed(3)} ms per extra file`,
  );
} finally {
  rmSync(requestsOnly.dir, { recursive: true, force: true });
  rmSync(everything.dir, { recursive: true, force: true });
}
