import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FEW_REQUESTS_V8_FLAGS, LARGE_RUN_V8_FLAGS } from '@otalint/core/engine';
import { LARGE_RUN_FILES } from '../src/pipeline.js';
import { FEW_REQUEST_FILES, largeRunV8Flags } from '../src/tier-up.js';
import { YOUNG_GENERATION_V8_FLAGS } from '../src/young-generation.js';
import { goodRequest, json } from './helpers/ci-project.js';
import { runCli, tempProject } from './helpers/run-cli.js';

const named = (count: number, extension: string) => Array.from({ length: count }, (_, i) => `f-${i}${extension}`);

test('a large run with few JSON and YAML files tiers up later, however many other files it holds', () => {
  const files = [...named(FEW_REQUEST_FILES - 1, '.json'), ...named(3000, '.ts'), ...named(1000, '.py')];
  assert.equal(largeRunV8Flags(files), [...LARGE_RUN_V8_FLAGS, ...FEW_REQUESTS_V8_FLAGS]);
});

test('a run of many request files keeps V8 tiering up as it starts', () => {
  assert.equal(largeRunV8Flags([...named(FEW_REQUEST_FILES - 100, '.json'), ...named(100, '.YML')]), LARGE_RUN_V8_FLAGS);
});

test('--debug names the V8 flags the run set', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < LARGE_RUN_FILES; i++) files[`ota/u-${i}.json`] = json({ ...goodRequest(), otaUpdateId: `fw-${i}` });
  const cwd = tempProject(files);
  const said = (...args: string[]) => /^otalint: V8 flags set at run time: (.*)\.$/m.exec(runCli([...args, '--debug', '-f', 'json'], { cwd }).stderr)?.[1];
  assert.equal(said('ota/u-0.json'), "none (V8's defaults)", 'a named file');
  assert.equal(said('ota'), [...YOUNG_GENERATION_V8_FLAGS, ...LARGE_RUN_V8_FLAGS, ...FEW_REQUESTS_V8_FLAGS].join(' '), 'a large run of a folder');
});

test.run();
