import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/protocols-combination.js';
import { rangeOf } from './support/position.js';

const lower = (value: string, fixed: string) => `Protocol "${value}" must be written "${fixed}": the valid values are ["HTTP"], ["MQTT"] and ["HTTP", "MQTT"].`;
const repeated = (value: string) =>
  `Protocol "${value}" is listed more than once: the valid values are ["HTTP"], ["MQTT"] and ["HTTP", "MQTT"]. Remove the repeat.`;

const mqttTwice = '{\n  "protocols": ["MQTT", "MQTT"]\n}\n';
const lowerCase = '{\n  "protocols": ["mqtt"]\n}\n';
const mixed = '{\n  "protocols": ["http", "MQTT", "Http"]\n}\n';
const yaml = 'protocols:\n  - MQTT\n  - mqtt\n';

testRule(rule, {
  valid: [
    { name: 'MQTT', code: '{"protocols": ["MQTT"]}' },
    { name: 'HTTP', code: '{"protocols": ["HTTP"]}' },
    { name: 'both', code: '{"protocols": ["HTTP", "MQTT"]}' },
    { name: 'both, other order', code: '{"protocols": ["MQTT", "HTTP"]}' },
    { name: "unknown protocol is the model check's", code: '{"protocols": ["COAP"]}' },
    { name: 'absent', request: {} },
  ],
  invalid: [
    {
      name: 'repeat',
      code: mqttTwice,
      errors: [{ message: repeated('MQTT'), ...rangeOf(mqttTwice, '"MQTT"', 2), path: '/protocols/1' }],
      output: '{\n  "protocols": ["MQTT"]\n}\n',
    },
    {
      name: 'lower case',
      code: lowerCase,
      errors: [{ message: lower('mqtt', 'MQTT'), ...rangeOf(lowerCase, '"mqtt"') }],
      output: '{\n  "protocols": ["MQTT"]\n}\n',
    },
    {
      name: 'lower case and a repeat in another case',
      code: mixed,
      errors: [
        { message: lower('http', 'HTTP'), ...rangeOf(mixed, '"http"') },
        { message: repeated('Http'), ...rangeOf(mixed, '"Http"') },
      ],
      output: '{\n  "protocols": ["HTTP", "MQTT"]\n}\n',
    },
    { name: 'YAML repeat in lower case', code: yaml, errors: [{ message: repeated('mqtt'), ...rangeOf(yaml, 'mqtt') }], output: 'protocols:\n  - MQTT\n' },
  ],
});
