import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FEW_REQUESTS_V8_FLAGS, LARGE_RUN_V8_FLAGS } from '@otalint/core/engine';
import { FEW_REQUEST_FILES, largeRunV8Flags } from '../src/tier-up.js';

const named = (count: number, extension: string) => Array.from({ length: count }, (_, i) => `f-${i}${extension}`);

test('a large run with few JSON and YAML files tiers up later, however many other files it holds', () => {
  const files = [...named(FEW_REQUEST_FILES - 1, '.json'), ...named(3000, '.ts'), ...named(1000, '.py')];
  assert.equal(largeRunV8Flags(files), [...LARGE_RUN_V8_FLAGS, ...FEW_REQUESTS_V8_FLAGS]);
});

test('a run of many request files keeps V8 tiering up as it starts', () => {
  assert.equal(largeRunV8Flags([...named(FEW_REQUEST_FILES - 100, '.json'), ...named(100, '.YML')]), LARGE_RUN_V8_FLAGS);
});

test.run();
