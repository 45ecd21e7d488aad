import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-unknown-option.js';
import { command } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const typo = command('--targett x');
const stray = command('--description Kitchen firmware');
const abbreviated = command('--prot MQTT');

testRule(rule, {
  valid: [
    { name: 'every option known', code: command('--protocols MQTT HTTP --description "Kitchen firmware"'), format: 'shell' },
    {
      name: 'global options anywhere',
      code: command('--region us-east-1 --output json --no-cli-pager', 'aws --profile ota iot create-ota-update'),
      format: 'shell',
    },
    { name: 'words known only at run time may be options', code: command('$EXTRA_ARGS "$@"'), format: 'shell' },
    { name: '--name=value', code: command('--description=Kitchen'), format: 'shell' },
  ],
  invalid: [
    {
      name: 'a misspelt option, with a did-you-mean',
      code: typo,
      format: 'shell',
      errors: [
        {
          message: 'Unknown option `--targett`: `aws iot create-ota-update` rejects the command ("Unknown options: --targett"). Did you mean `--targets`?',
          ...rangeOf(typo, '--targett'),
        },
      ],
    },
    {
      name: 'an unquoted value split in two',
      code: stray,
      format: 'shell',
      errors: [
        {
          message:
            '`firmware` is not an option or the value of one: the AWS CLI rejects the command ("Unknown options: firmware"). Quote a value that has spaces, or remove the word.',
          ...rangeOf(stray, 'firmware'),
        },
      ],
    },
    {
      name: 'no abbreviations',
      code: abbreviated,
      format: 'shell',
      errors: [
        {
          message: 'Unknown option `--prot`: `aws iot create-ota-update` rejects the command ("Unknown options: --prot"). Did you mean `--protocols`?',
          ...rangeOf(abbreviated, '--prot'),
        },
      ],
    },
  ],
});
