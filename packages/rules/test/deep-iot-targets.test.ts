import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-iot-targets.js';
import { memoryAccount } from './support/account.js';
import { requestText } from './support/deep-requests.js';
import { rangeOf } from './support/position.js';

const thing = 'arn:aws:iot:us-east-1:123456789012:thing/dev1';
const group = 'arn:aws:iot:eu-west-1:123456789012:thinggroup/fleet';
const code = requestText({ targets: [thing, group] });
const quoted = (arn: string) => rangeOf(code, `"${arn}"`);

testAccountRule(rule, {
  valid: [
    { name: 'both exist, each in its own region', code, account: memoryAccount({ things: ['us-east-1/dev1'], thingGroups: ['eu-west-1/fleet'] }) },
    { name: 'a bare name is not looked up', code: requestText({ targets: ['dev1'] }), account: memoryAccount({}) },
  ],
  invalid: [
    {
      name: 'a thing and a group that do not exist',
      code,
      account: memoryAccount({ things: ['eu-west-1/dev1'], thingGroups: ['us-east-1/fleet'] }),
      errors: [
        {
          message:
            'Thing "dev1" does not exist in us-east-1 (ResourceNotFoundException: The specified resource does not exist). Create it, or correct the target ARN.',
          ...quoted(thing),
          path: '/targets/0',
        },
        {
          message:
            'Thing group "fleet" does not exist in eu-west-1 (ResourceNotFoundException: The specified resource does not exist). Create it, or correct the target ARN.',
          ...quoted(group),
          path: '/targets/1',
        },
      ],
    },
    {
      name: 'targets in another account',
      code,
      account: memoryAccount({ caller: '999999999999' }),
      errors: [
        {
          message:
            'Could not check that thing "dev1" exists in us-east-1: the target is in account 123456789012, and the credentials are for account 999999999999; run --deep with credentials of that account.',
          severity: 'info',
          ...quoted(thing),
        },
        {
          message:
            'Could not check that thing group "fleet" exists in eu-west-1: the target is in account 123456789012, and the credentials are for account 999999999999; run --deep with credentials of that account.',
          severity: 'info',
          ...quoted(group),
        },
      ],
    },
    {
      name: 'access denied',
      code: requestText({ targets: [thing] }),
      account: memoryAccount({ denied: ['iot:DescribeThing'] }),
      errors: [
        {
          message:
            'Could not check that thing "dev1" exists in us-east-1: AccessDenied: User is not authorized to perform: iot:DescribeThing; the credentials need iot:DescribeThing.',
          severity: 'info',
          ...rangeOf(requestText({ targets: [thing] }), `"${thing}"`),
        },
      ],
    },
  ],
});
