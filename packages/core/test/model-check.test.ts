import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkAgainstModel, MODEL_VERSION, type ModelProblem } from '../src/schema/model-check.js';
import { positionLists } from '../src/schema/model-format.js';
import { memberGuesses } from '../src/schema/schema-problems.js';

type Request = Record<string, any>;

function base(): Request {
  return {
    otaUpdateId: 'fw-2024_01',
    description: 'Firmware 1.2.3 for the field fleet',
    targets: ['arn:aws:iot:us-east-1:123456789012:thinggroup/fleet'],
    protocols: ['MQTT'],
    targetSelection: 'SNAPSHOT',
    awsJobExecutionsRolloutConfig: {
      maximumPerMinute: 10,
      exponentialRate: {
        baseRatePerMinute: 5,
        incrementFactor: 1.5,
        rateIncreaseCriteria: { numberOfNotifiedThings: 10 },
      },
    },
    awsJobPresignedUrlConfig: { expiresInSec: 1800 },
    awsJobAbortConfig: {
      abortCriteriaList: [{ failureType: 'FAILED', action: 'CANCEL', thresholdPercentage: 10.5, minNumberOfExecutedThings: 5 }],
    },
    awsJobTimeoutConfig: { inProgressTimeoutInMinutes: 60 },
    files: [
      {
        fileName: 'firmware.bin',
        fileType: 0,
        fileVersion: '1.2.3',
        fileLocation: { stream: { streamId: 'stream-1', fileId: 0 } },
        codeSigning: { awsSignerJobId: 'job-1' },
        attributes: { board: 'esp32' },
      },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/ota-role',
    additionalParameters: { key: 'value' },
    tags: [{ Key: 'team', Value: 'fw' }],
  };
}

function check(change: (request: Request) => void, options?: { format?: 'json' | 'yaml' }): ModelProblem[] {
  const request = base();
  change(request);
  return checkAgainstModel(request, options);
}

function only(change: (request: Request) => void, options?: { format?: 'json' | 'yaml' }): ModelProblem {
  const problems = check(change, options);
  assert.is(problems.length, 1, `expected one problem, got ${JSON.stringify(problems, null, 2)}`);
  return problems[0]!;
}

function valid(change: (request: Request) => void): void {
  const problems = check(change);
  assert.equal(problems, [], `expected no problem, got ${JSON.stringify(problems, null, 2)}`);
}

const file0 = (request: Request): Request => request['files'][0];
const stream0 = (request: Request): Request => file0(request)['fileLocation']['stream'];

// ---------------------------------------------------------------------------------------------
const basics = suite('model-check: basics');

basics('a complete valid request has no problem', () => {
  assert.equal(checkAgainstModel(base()), []);
});

basics('the minimal request (the four required members) is valid', () => {
  assert.equal(
    checkAgainstModel({
      otaUpdateId: 'a',
      targets: ['t'],
      files: [{}],
      roleArn: 'arn:aws:iam::123456789012:role/r',
    }),
    [],
  );
});

basics('MODEL_VERSION is the version the committed schema came from', () => {
  const schemaFile = fileURLToPath(new URL('../schema/create-ota-update.schema.json', import.meta.url));
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  assert.equal(MODEL_VERSION, { botocore: schema['x-botocore-version'], apiVersion: '2015-05-28' });
  assert.match(MODEL_VERSION.botocore, /^\d+\.\d+\.\d+$/);
});

basics('a request that is not an object is one problem at the root', () => {
  for (const value of [[], null, 'x', 42]) {
    const problems = checkAgainstModel(value);
    assert.is(problems.length, 1);
    assert.equal(problems[0]!.path, []);
    assert.is(problems[0]!.target, 'value');
  }
  assert.is(checkAgainstModel([1])[0]!.message, 'The request is a list; it must be an object of members such as otaUpdateId, targets, files and roleArn.');
});

// ---------------------------------------------------------------------------------------------
const required = suite('model-check: required');

required('a missing top-level member', () => {
  const problem = only((r) => delete r['roleArn']);
  assert.equal(problem, {
    path: ['roleArn'],
    target: 'parent',
    message: 'Missing required member `roleArn` in the request.',
  });
});

required('every missing member is its own problem, in model order', () => {
  const problems = checkAgainstModel({});
  assert.equal(
    problems.map((p) => [p.path, p.target]),
    [
      [['otaUpdateId'], 'parent'],
      [['targets'], 'parent'],
      [['files'], 'parent'],
      [['roleArn'], 'parent'],
    ],
  );
});

required('nested required members name the enclosing object', () => {
  const problems = check((r) => {
    r['awsJobAbortConfig'].abortCriteriaList[0] = { failureType: 'ALL' };
  });
  assert.equal(
    problems.map((p) => p.message),
    [
      'Missing required member `action` in `awsJobAbortConfig.abortCriteriaList[0]`.',
      'Missing required member `thresholdPercentage` in `awsJobAbortConfig.abortCriteriaList[0]`.',
      'Missing required member `minNumberOfExecutedThings` in `awsJobAbortConfig.abortCriteriaList[0]`.',
    ],
  );
  assert.equal(problems[0]!.path, ['awsJobAbortConfig', 'abortCriteriaList', 0, 'action']);
});

required('exponentialRate requires its three members; a tag requires Key', () => {
  const problems = check((r) => {
    r['awsJobExecutionsRolloutConfig'].exponentialRate = {};
    r['tags'] = [{ Value: 'v' }];
  });
  assert.equal(
    problems.map((p) => p.path.join('.')),
    [
      'awsJobExecutionsRolloutConfig.exponentialRate.baseRatePerMinute',
      'awsJobExecutionsRolloutConfig.exponentialRate.incrementFactor',
      'awsJobExecutionsRolloutConfig.exponentialRate.rateIncreaseCriteria',
      'tags.0.Key',
    ],
  );
  assert.ok(problems.every((p) => p.target === 'parent'));
});

// ---------------------------------------------------------------------------------------------
const types = suite('model-check: types');

types('an integer given true', () => {
  const problem = only((r) => (stream0(r)['fileId'] = true));
  assert.equal(problem, {
    path: ['files', 0, 'fileLocation', 'stream', 'fileId'],
    target: 'value',
    message: '`fileId` is true (a boolean); it must be an integer.',
  });
});

types('an integer given 1.5', () => {
  const problem = only((r) => (stream0(r)['fileId'] = 1.5));
  assert.is(problem.message, '`fileId` is 1.5; it must be a whole number.');
});

types('an integer given a numeric string offers the number', () => {
  const problem = only((r) => (r['awsJobPresignedUrlConfig'].expiresInSec = '1800'));
  assert.is(problem.message, '`expiresInSec` is "1800" (a string); it must be an integer.');
  assert.equal(problem.suggestions, [
    {
      message: 'Write it without quotes: 1800.',
      edits: [{ kind: 'replace', path: ['awsJobPresignedUrlConfig', 'expiresInSec'], value: 1800 }],
    },
  ]);
});

types('null, lists and objects of the wrong type', () => {
  assert.is(only((r) => (r['roleArn'] = null)).message, '`roleArn` is null; it must be a string.');
  assert.is(only((r) => (r['targets'] = 'arn:x')).message, '`targets` is "arn:x" (a string); it must be a list.');
  assert.is(only((r) => (r['files'] = {})).message, '`files` is an object; it must be a list.');
  assert.is(only((r) => (r['awsJobTimeoutConfig'] = [])).message, '`awsJobTimeoutConfig` is an empty list; it must be an object.');
});

types('a double accepts fractions; NaN and Infinity are not finite numbers', () => {
  valid((r) => (r['awsJobExecutionsRolloutConfig'].exponentialRate.incrementFactor = 1.55));
  const nan = only((r) => (r['awsJobExecutionsRolloutConfig'].exponentialRate.incrementFactor = NaN));
  assert.is(nan.message, '`incrementFactor` is NaN, which is not a finite number; it must be a number.');
  const inf = only((r) => (r['awsJobTimeoutConfig'].inProgressTimeoutInMinutes = Infinity));
  assert.is(inf.message, '`inProgressTimeoutInMinutes` is Infinity, which is not a finite number; it must be an integer.');
  const negInf = only((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].thresholdPercentage = -Infinity));
  assert.match(negInf.message, /-Infinity, which is not a finite number/);
});

types('a number where a string is wanted: JSON offers quotes, YAML says how to quote', () => {
  const json = only((r) => (file0(r)['fileVersion'] = 1));
  assert.is(json.message, '`fileVersion` is 1 (a number); it must be a string.');
  assert.equal(json.suggestions![0]!.edits, [{ kind: 'replace', path: ['files', 0, 'fileVersion'], value: '1' }]);

  const yaml = only((r) => (file0(r)['fileVersion'] = 1.5), { format: 'yaml' });
  assert.is(yaml.message, '`fileVersion` is 1.5 (a number); it must be a string: quote it in YAML: fileVersion: "1.5".');
  const yamlBool = only((r) => (file0(r)['fileName'] = true), { format: 'yaml' });
  assert.is(yamlBool.message, '`fileName` is true (a boolean); it must be a string: quote it in YAML: fileName: "true".');
});

types('YAML: the source text is kept when the caller can give it (1.0 stays 1.0)', () => {
  const request = base();
  request['files'][0].fileVersion = 1;
  const [problem] = checkAgainstModel(request, {
    format: 'yaml',
    sourceText: (path) => (path.join('.') === 'files.0.fileVersion' ? '1.0' : undefined),
  });
  assert.is(problem!.message, '`fileVersion` is 1.0 (a number); it must be a string: quote it in YAML: fileVersion: "1.0".');
  assert.equal(problem!.suggestions![0]!.edits, [{ kind: 'replace', path: ['files', 0, 'fileVersion'], value: '1.0' }]);
});

types('a Date (unquoted YAML date) where a string is wanted', () => {
  const problem = only((r) => (file0(r)['fileVersion'] = new Date('2024-01-01')), { format: 'yaml' });
  assert.is(problem.message, '`fileVersion` was read as a date (2024-01-01); it must be a string: quote it in YAML: fileVersion: "2024-01-01".');
  assert.equal(problem.suggestions![0]!.edits, [{ kind: 'replace', path: ['files', 0, 'fileVersion'], value: '2024-01-01' }]);
});

types('null in YAML where a string is wanted', () => {
  const problem = only((r) => (file0(r)['fileVersion'] = null), { format: 'yaml' });
  assert.is(
    problem.message,
    '`fileVersion` is null (an empty value, `~` or `null` in YAML); it must be a string: write the value, quoted if needed (fileVersion: "…"), or remove the member.',
  );
  assert.is(problem.suggestions, undefined);
});

types('a list item of the wrong type in YAML', () => {
  const problem = only((r) => (r['targets'] = [123]), { format: 'yaml' });
  assert.equal(problem.path, ['targets', 0]);
  assert.is(problem.message, '`targets[0]` is 123 (a number); it must be a string: quote it in YAML: - "123".');
});

// ---------------------------------------------------------------------------------------------
const limits = suite('model-check: lengths, items and ranges at the exact limits');

limits('otaUpdateId: 1..128 characters', () => {
  valid((r) => (r['otaUpdateId'] = 'a'));
  valid((r) => (r['otaUpdateId'] = 'a'.repeat(128)));
  const long = only((r) => (r['otaUpdateId'] = 'a'.repeat(129)));
  assert.is(long.message, '`otaUpdateId` "' + 'a'.repeat(40) + '…" has 129 characters; it must have at most 128.');
  // empty: minLength and pattern both fail; one problem, the length one
  const empty = only((r) => (r['otaUpdateId'] = ''));
  assert.is(empty.message, '`otaUpdateId` is empty; it must have at least 1 character.');
});

limits('one problem per path: a too long id with bad characters is reported once', () => {
  const problem = only((r) => (r['otaUpdateId'] = 'bad id!'.repeat(20)));
  assert.match(problem.message, /has 140 characters; it must have at most 128\.$/);
});

limits('description: at most 2028 characters', () => {
  valid((r) => (r['description'] = 'd'.repeat(2028)));
  assert.is(
    only((r) => (r['description'] = 'd'.repeat(2029))).message,
    '`description` "' + 'd'.repeat(40) + '…" has 2029 characters; it must have at most 2028.',
  );
});

limits('roleArn: 20..2048 characters', () => {
  valid((r) => (r['roleArn'] = 'x'.repeat(20)));
  valid((r) => (r['roleArn'] = 'x'.repeat(2048)));
  assert.is(only((r) => (r['roleArn'] = 'x'.repeat(19))).message, '`roleArn` "xxxxxxxxxxxxxxxxxxx" has 19 characters; it must have at least 20.');
  assert.match(only((r) => (r['roleArn'] = 'x'.repeat(2049))).message, /has 2049 characters; it must have at most 2048\.$/);
});

limits('lengths count Unicode code points, not UTF-16 units', () => {
  valid((r) => (file0(r)['attributes'] = { emoji: '😀'.repeat(4096) }));
  const problem = only((r) => (file0(r)['attributes'] = { emoji: '😀'.repeat(4097) }));
  assert.equal(problem.path, ['files', 0, 'attributes', 'emoji']);
  assert.match(problem.message, /^`attributes\.emoji` "(😀){40}…" has 4097 characters; it must have at most 4096\.$/u);
});

limits('map values (attributes, additionalParameters): at most 4096', () => {
  valid((r) => (r['additionalParameters'] = { k: 'v'.repeat(4096), empty: '' }));
  const problem = only((r) => (r['additionalParameters'] = { 'my key': 'v'.repeat(4097) }));
  assert.equal(problem.path, ['additionalParameters', 'my key']);
  assert.match(problem.message, /^`additionalParameters\["my key"\]` /);
});

limits('S3 bucket and key: at least 1 character', () => {
  const problems = check((r) => (file0(r)['fileLocation'] = { s3Location: { bucket: '', key: '' } }));
  assert.equal(
    problems.map((p) => p.message),
    ['`bucket` is empty; it must have at least 1 character.', '`key` is empty; it must have at least 1 character.'],
  );
});

limits('fileId and fileType: 0..255', () => {
  valid((r) => (stream0(r)['fileId'] = 0));
  valid((r) => (stream0(r)['fileId'] = 255));
  valid((r) => (file0(r)['fileType'] = 255));
  const problem = only((r) => (stream0(r)['fileId'] = 300));
  assert.equal(problem, {
    path: ['files', 0, 'fileLocation', 'stream', 'fileId'],
    target: 'value',
    message: '`fileId` is 300; it must be between 0 and 255.',
  });
  assert.is(only((r) => (stream0(r)['fileId'] = 256)).message, '`fileId` is 256; it must be between 0 and 255.');
  assert.is(only((r) => (stream0(r)['fileId'] = -1)).message, '`fileId` is -1; it must be between 0 and 255.');
  assert.is(only((r) => (file0(r)['fileType'] = 256)).message, '`fileType` is 256; it must be between 0 and 255.');
});

limits('maximumPerMinute and baseRatePerMinute: 1..1000', () => {
  valid((r) => (r['awsJobExecutionsRolloutConfig'].maximumPerMinute = 1));
  valid((r) => (r['awsJobExecutionsRolloutConfig'].maximumPerMinute = 1000));
  assert.is(only((r) => (r['awsJobExecutionsRolloutConfig'].maximumPerMinute = 0)).message, '`maximumPerMinute` is 0; it must be between 1 and 1000.');
  assert.is(only((r) => (r['awsJobExecutionsRolloutConfig'].maximumPerMinute = 1001)).message, '`maximumPerMinute` is 1001; it must be between 1 and 1000.');
  assert.is(
    only((r) => (r['awsJobExecutionsRolloutConfig'].exponentialRate.baseRatePerMinute = 1001)).message,
    '`baseRatePerMinute` is 1001; it must be between 1 and 1000.',
  );
});

limits('minimum only and maximum only', () => {
  valid((r) => (r['awsJobExecutionsRolloutConfig'].exponentialRate.rateIncreaseCriteria = { numberOfSucceededThings: 1 }));
  assert.is(
    only((r) => (r['awsJobExecutionsRolloutConfig'].exponentialRate.rateIncreaseCriteria = { numberOfSucceededThings: 0 })).message,
    '`numberOfSucceededThings` is 0; it must be at least 1.',
  );
  valid((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].thresholdPercentage = 100));
  assert.is(
    only((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].thresholdPercentage = 100.01)).message,
    '`thresholdPercentage` is 100.01; it must be at most 100.',
  );
  assert.is(
    only((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].minNumberOfExecutedThings = 0)).message,
    '`minNumberOfExecutedThings` is 0; it must be at least 1.',
  );
});

limits('lists: protocols 1..2, targets / files / abortCriteriaList at least 1', () => {
  valid((r) => (r['protocols'] = ['HTTP', 'MQTT']));
  const three = only((r) => (r['protocols'] = ['MQTT', 'HTTP', 'MQTT']));
  assert.equal(three, { path: ['protocols'], target: 'value', message: '`protocols` has 3 items; it must have at most 2.' });
  assert.is(only((r) => (r['protocols'] = [])).message, '`protocols` is empty; it must have at least 1 item.');
  assert.is(only((r) => (r['targets'] = [])).message, '`targets` is empty; it must have at least 1 item.');
  assert.is(only((r) => (r['files'] = [])).message, '`files` is empty; it must have at least 1 item.');
  assert.is(only((r) => (r['awsJobAbortConfig'].abortCriteriaList = [])).message, '`abortCriteriaList` is empty; it must have at least 1 item.');
  // the current model has no cap on files (the older one had 50)
  valid((r) => (r['files'] = Array.from({ length: 51 }, () => ({ fileName: 'f' }))));
});

limits('tags: Key 1..128, Value ..256', () => {
  valid(
    (r) =>
      (r['tags'] = [
        { Key: 'k'.repeat(128), Value: 'v'.repeat(256) },
        { Key: 'k', Value: '' },
      ]),
  );
  assert.match(only((r) => (r['tags'] = [{ Key: 'k'.repeat(129) }])).message, /^`Key` "k{40}…" has 129 characters; it must have at most 128\.$/);
  assert.is(only((r) => (r['tags'] = [{ Key: '' }])).message, '`Key` is empty; it must have at least 1 character.');
  assert.match(only((r) => (r['tags'] = [{ Key: 'k', Value: 'v'.repeat(257) }])).message, /has 257 characters; it must have at most 256\.$/);
});

// ---------------------------------------------------------------------------------------------
const patterns = suite('model-check: patterns (anchored, Unicode-aware)');

patterns('otaUpdateId and streamId match the whole value', () => {
  const problem = only((r) => (r['otaUpdateId'] = 'bad id!'));
  assert.equal(problem.path, ['otaUpdateId']);
  assert.is(problem.message, '`otaUpdateId` "bad id!" does not match [a-zA-Z0-9_-]+ (letters, digits, _ and -). Not allowed: " " (U+0020) at character 4.');
  // unanchored, "ok-part" inside the value would have matched
  assert.is(only((r) => (stream0(r)['streamId'] = 'ok-part/other')).path.join('.'), 'files.0.fileLocation.stream.streamId');
  valid((r) => (stream0(r)['streamId'] = 'A_z-09'));
});

patterns('tag keys: \\p{L}, \\p{Z}, \\p{N} accept accents, CJK and spaces', () => {
  valid(
    (r) =>
      (r['tags'] = [
        { Key: 'équipe', Value: 'x' },
        { Key: '固件 版本', Value: 'y' },
        { Key: 'a_b.c:d/e=f+g-h@i', Value: '' },
      ]),
  );
  valid((r) => (r['tags'] = [{ Key: '٣٤ⅻ' }]));
  const problem = only((r) => (r['tags'] = [{ Key: 'a#b' }]));
  assert.equal(problem.path, ['tags', 0, 'Key']);
  assert.is(
    problem.message,
    '`Key` "a#b" does not match ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$ (letters, digits, spaces and _ . : / = + - @). Not allowed: "#" (U+0023) at character 2.',
  );
});

patterns('description: [^\\p{C}]+ rejects newlines, tabs, zero-width format characters and the empty string', () => {
  valid((r) => (r['description'] = 'Déploiement 🚀 固件'));
  const newline = only((r) => (r['description'] = 'line one\nline two'));
  assert.is(
    newline.message,
    '`description` "line one\\nline two" does not match [^\\p{C}]+ (at least one character, and no control or format characters such as line breaks and tabs). Not allowed: "\\n" (U+000A) at character 9.',
  );
  assert.match(only((r) => (r['description'] = 'a\tb')).message, /Not allowed: "\\t" \(U\+0009\) at character 2\.$/);
  assert.match(only((r) => (r['description'] = 'zero\u200bwidth')).message, /Not allowed: "\u200b" \(U\+200B\) at character 5\.$/);
  assert.match(only((r) => (r['description'] = '')).message, /^`description` "" does not match \[\^\\p\{C\}\]\+ .* It is empty\.$/);
});

patterns('attribute values accept anything, newlines included', () => {
  valid((r) => (file0(r)['attributes'] = { multi: 'a\nb\tc' }));
});

// ---------------------------------------------------------------------------------------------
const enums = suite('model-check: enums');

enums('targetSelection', () => {
  valid((r) => (r['targetSelection'] = 'CONTINUOUS'));
  const problem = only((r) => (r['targetSelection'] = 'ONCE'));
  assert.equal(problem, {
    path: ['targetSelection'],
    target: 'value',
    message: '`targetSelection` is "ONCE"; it must be one of CONTINUOUS, SNAPSHOT.',
  });
});

enums('a protocol in the wrong case: did you mean, with a replacement', () => {
  const problem = only((r) => (r['protocols'] = ['mqtt']));
  assert.equal(problem, {
    path: ['protocols', 0],
    target: 'value',
    message: '`protocols[0]` is "mqtt"; it must be one of MQTT, HTTP. Did you mean "MQTT"?',
    suggestions: [{ message: 'Replace with "MQTT".', edits: [{ kind: 'replace', path: ['protocols', 0], value: 'MQTT' }] }],
  });
});

enums('failureType and action', () => {
  for (const failureType of ['FAILED', 'REJECTED', 'TIMED_OUT', 'ALL']) {
    valid((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].failureType = failureType));
  }
  assert.is(
    only((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].failureType = 'TIMEOUT')).message,
    '`failureType` is "TIMEOUT"; it must be one of FAILED, REJECTED, TIMED_OUT, ALL. Did you mean "TIMED_OUT"?',
  );
  assert.is(only((r) => (r['awsJobAbortConfig'].abortCriteriaList[0].action = 'STOP')).message, '`action` is "STOP"; it must be one of CANCEL.');
});

enums('a number where an enum string is wanted is a type error, once', () => {
  assert.is(only((r) => (r['targetSelection'] = 1)).message, '`targetSelection` is 1 (a number); it must be a string.');
});

// ---------------------------------------------------------------------------------------------
const unknown = suite('model-check: unknown members');

unknown('a misspelt member: did you mean, with a rename', () => {
  const problem = only((r) => {
    const file = file0(r);
    file['fileLocaton'] = file['fileLocation'];
    delete file['fileLocation'];
  });
  assert.equal(problem, {
    path: ['files', 0, 'fileLocaton'],
    target: 'key',
    message: 'Unknown member `fileLocaton` in `files[0]`; did you mean `fileLocation`?',
    suggestions: [
      { message: 'Rename to `fileLocation`.', edits: [{ kind: 'rename-key', path: ['files', 0, 'fileLocaton'], to: 'fileLocation' }] },
      { message: 'Remove `fileLocaton`.', edits: [{ kind: 'remove', path: ['files', 0, 'fileLocaton'] }] },
    ],
  });
});

unknown('a misspelling repeated across requests is matched against the allowed members once, with the same wording each time', () => {
  const misspelt = (name: string) => {
    const request = base();
    file0(request)[name] = {};
    return checkAgainstModel(request)[0]!.message;
  };
  const first = misspelt('fileLocatoin');
  const guesses = memberGuesses.count;
  for (let i = 0; i < 5; i++) assert.is(misspelt('fileLocatoin'), first);
  assert.is(memberGuesses.count, guesses, 'matched once');
  assert.is(misspelt('fileVersoin'), 'Unknown member `fileVersoin` in `files[0]`; did you mean `fileVersion`? It is already set: keep one of them.');
  assert.is(memberGuesses.count, guesses + 1, 'a new misspelling is matched');
});

unknown("a request with one problem lists no object's members, to order its problems or to find the right name beside a misspelt one", () => {
  const built = positionLists.built;
  const problem = only((r) => (file0(r)['fileLocaton'] = {}));
  assert.ok(problem.message.endsWith('It is already set: keep one of them.'));
  assert.is(positionLists.built, built);
});

unknown('the misspelt member beside the right one: no rename into a duplicate', () => {
  const problem = only((r) => (file0(r)['fileLocaton'] = {}));
  assert.is(problem.message, 'Unknown member `fileLocaton` in `files[0]`; did you mean `fileLocation`? It is already set: keep one of them.');
  assert.equal(
    problem.suggestions!.map((s) => s.edits[0]!.kind),
    ['remove'],
  );
});

unknown('case and separators count as typos', () => {
  const problems = check((r) => {
    r['role_arn'] = r['roleArn'];
    delete r['roleArn'];
  });
  assert.equal(
    problems.map((p) => p.message),
    ['Missing required member `roleArn` in the request.', 'Unknown member `role_arn` in the request; did you mean `roleArn`?'],
  );
  assert.is(
    only((r) => (r['awsJobTimeoutConfig'] = { InProgressTimeoutInMinutes: 5 })).message,
    'Unknown member `InProgressTimeoutInMinutes` in `awsJobTimeoutConfig`; did you mean `inProgressTimeoutInMinutes`?',
  );
});

unknown('a deeply nested unknown member keeps its full path', () => {
  const problem = only((r) => (stream0(r)['fileID'] = 1));
  assert.equal(problem.path, ['files', 0, 'fileLocation', 'stream', 'fileID']);
  assert.is(problem.target, 'key');
  assert.is(problem.message, 'Unknown member `fileID` in `files[0].fileLocation.stream`; did you mean `fileId`? It is already set: keep one of them.');
});

unknown('a member one level too deep says where it belongs', () => {
  const problem = only((r) => (r['awsJobExecutionsRolloutConfig'].exponentialRate.maximumPerMinute = 5));
  assert.is(
    problem.message,
    'Unknown member `maximumPerMinute` in `awsJobExecutionsRolloutConfig.exponentialRate`; it belongs in `awsJobExecutionsRolloutConfig`.',
  );
});

unknown('no close name: the allowed members are listed', () => {
  const problem = only((r) => (stream0(r)['zzz'] = 1));
  assert.is(problem.message, 'Unknown member `zzz` in `files[0].fileLocation.stream`; allowed members: streamId, fileId.');
});

unknown('a tag with lower-case key: missing Key and unknown key', () => {
  const problems = check((r) => (r['tags'] = [{ key: 'k', Value: 'v' }]));
  assert.equal(
    problems.map((p) => [p.path.join('.'), p.target, p.message]),
    [
      ['tags.0.Key', 'parent', 'Missing required member `Key` in `tags[0]`.'],
      ['tags.0.key', 'key', 'Unknown member `key` in `tags[0]`; did you mean `Key`?'],
    ],
  );
});

// ---------------------------------------------------------------------------------------------
const order = suite('model-check: order');

order('problems follow the document order of members and items', () => {
  const request = {
    roleArn: 'short',
    files: [{ fileType: 999 }, { fileId: 1, fileName: 5 }],
    otaUpdateId: 'bad id',
    targets: [],
    protocols: ['X'],
  };
  const problems = checkAgainstModel(request);
  assert.equal(
    problems.map((p) => [p.path.join('.'), p.target]),
    [
      ['roleArn', 'value'],
      ['files.0.fileType', 'value'],
      ['files.1.fileId', 'key'],
      ['files.1.fileName', 'value'],
      ['otaUpdateId', 'value'],
      ['targets', 'value'],
      ['protocols.0', 'value'],
    ],
  );
});

order('a missing member comes right after its parent’s own problems and before its children', () => {
  const problems = checkAgainstModel({
    otaUpdateId: 'a',
    targets: ['t'],
    files: [{ fileType: -1 }],
    awsJobAbortConfig: { abortCriteriaList: [{ action: 'X', failureType: 'ALL', thresholdPercentage: 1 }] },
  });
  assert.equal(
    problems.map((p) => p.path.join('.')),
    ['roleArn', 'files.0.fileType', 'awsJobAbortConfig.abortCriteriaList.0.minNumberOfExecutedThings', 'awsJobAbortConfig.abortCriteriaList.0.action'],
  );
});

order('the result is stable across runs and does not touch the input', () => {
  const request = base();
  request['targets'] = [];
  request['extra'] = true;
  const snapshot = JSON.stringify(request);
  const first = checkAgainstModel(request);
  const second = checkAgainstModel(request);
  assert.equal(first, second);
  assert.is(JSON.stringify(request), snapshot);
});

for (const s of [basics, required, types, limits, patterns, enums, unknown, order]) s.run();
