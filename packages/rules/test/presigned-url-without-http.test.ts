import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/presigned-url-without-http.js';
import { rangeOf } from './support/position.js';

const noHttp = (protocols: string) =>
  `\`awsJobPresignedUrlConfig\` has no effect: \`protocols\` is ${protocols}, and pre-signed URLs are used only for HTTP downloads. Add "HTTP" to \`protocols\` or remove \`awsJobPresignedUrlConfig\`.`;
const defaultMqtt =
  '`awsJobPresignedUrlConfig` has no effect: `protocols` is not set, so devices download over MQTT, and pre-signed URLs are used only for HTTP downloads. Add `"protocols": ["HTTP"]` (or ["HTTP", "MQTT"]) or remove `awsJobPresignedUrlConfig`.';

const mqttOnly = '{"protocols": ["MQTT"], "awsJobPresignedUrlConfig": {"expiresInSec": 600}}';
const unset = 'awsJobPresignedUrlConfig:\n  expiresInSec: 600\n';

testRule(rule, {
  valid: [
    { name: 'HTTP', code: '{"protocols": ["HTTP"], "awsJobPresignedUrlConfig": {"expiresInSec": 600}}' },
    { name: 'both', code: '{"protocols": ["MQTT", "HTTP"], "awsJobPresignedUrlConfig": {}}' },
    { name: 'lower-case http (protocols-combination reports the case)', code: '{"protocols": ["http"], "awsJobPresignedUrlConfig": {}}' },
    { name: 'no presigned config', code: '{"protocols": ["MQTT"]}' },
  ],
  invalid: [
    {
      name: 'MQTT only',
      code: mqttOnly,
      errors: [{ message: noHttp('["MQTT"]'), ...rangeOf(mqttOnly, '"awsJobPresignedUrlConfig"'), path: '/awsJobPresignedUrlConfig' }],
    },
    { name: 'protocols not set (YAML)', code: unset, errors: [{ message: defaultMqtt, ...rangeOf(unset, 'awsJobPresignedUrlConfig') }] },
  ],
});
