import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/http-stream-location.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const httpOnly = (stream: string) =>
  `This file comes from IoT stream${stream}, but \`protocols\` is HTTP only; HTTP delivers through pre-signed S3 URLs, and a stream is read over MQTT. Use \`s3Location\` for HTTP, or add "MQTT" to \`protocols\`.`;
const fromStream = { fileLocation: { stream: { streamId: 'fw_stream', fileId: 0 } } };
const fromS3 = { fileLocation: { s3Location: { bucket: 'afr-ota', key: 'fw.bin', version: '1' } } };

const httpStream = json({ protocols: ['HTTP'], files: [fromS3, fromStream] });
const lowercase = json({ protocols: ['http'], files: [{ fileLocation: { stream: { fileId: 1 } } }] });
const yaml = 'protocols: [HTTP]\nfiles:\n  - fileLocation:\n      stream: {streamId: fw, fileId: 0}\n';

testRule(rule, {
  valid: [
    { name: 'MQTT from a stream', request: { protocols: ['MQTT'], files: [fromStream] } },
    { name: 'both protocols from a stream', request: { protocols: ['HTTP', 'MQTT'], files: [fromStream] } },
    { name: 'HTTP from S3', request: { protocols: ['HTTP'], files: [fromS3] } },
    { name: 'no protocols (devices default to MQTT)', request: { files: [fromStream] } },
    { name: "empty protocols is the model check's", request: { protocols: [], files: [fromStream] } },
  ],
  invalid: [
    {
      name: 'HTTP only, the second file from a stream',
      code: httpStream,
      errors: [{ message: httpOnly(' "fw_stream"'), ...rangeOf(httpStream, '"stream"'), path: '/files/1/fileLocation/stream' }],
    },
    { name: 'lower-case http, a stream without id', code: lowercase, errors: [{ message: httpOnly(''), ...rangeOf(lowercase, '"stream"') }] },
    { name: 'YAML', code: yaml, errors: [{ message: httpOnly(' "fw"'), ...rangeOf(yaml, 'stream') }] },
  ],
});
