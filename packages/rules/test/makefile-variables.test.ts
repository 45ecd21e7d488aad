import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/role-arn-format.js';
import { FILES, GROUP } from './support/command-line.js';
import { rangeOf } from './support/position.js';

/**
 * Make expands `$(ROLE)` in a recipe before the shell runs it: a variable the Makefile gives one
 * literal value is read as that value, and findings and fixes land on the assignment. Every other
 * binding leaves it unknown, so nothing is reported. role-arn-format stands for any rule.
 */
const BAD = 'arn:aws:iam:123456789012:role/ota-update-role';
const FIXED = 'arn:aws:iam::123456789012:role/ota-update-role';
const MESSAGE = `\`roleArn\` "${BAD}" lacks the empty region field: IAM ARNs have two colons after "iam" ("${FIXED}"). Insert the missing colon.`;

const recipe = (role = '$(ROLE)') => `ota:\n\taws iot create-ota-update --ota-update-id fw-1 --targets ${GROUP} --files ${FILES} --role-arn ${role}\n`;
const makefile = (assignments: string, role?: string) => `${assignments}\n\n${recipe(role)}`;

const followed = (name: string, assignments: string, role?: string) => {
  const code = makefile(assignments, role);
  return { name, code, format: 'makefile' as const, errors: [{ message: MESSAGE, ...rangeOf(code, BAD), path: '/roleArn' }], output: code.replace(BAD, FIXED) };
};

/**
 * A role written with a reference to `ACCOUNT`: the finding covers it; no fix, since the value is
 * not written in one piece.
 */
const WRITTEN = 'arn:aws:iam:$(ACCOUNT):role/ota-update-role';
const referring = (name: string, assignments: string) => {
  const code = makefile(assignments);
  return {
    name,
    code,
    format: 'makefile' as const,
    errors: [{ message: MESSAGE, ...rangeOf(code, WRITTEN), path: '/roleArn' }],
  };
};

const unknown = (name: string, assignments: string) => ({ name, code: makefile(assignments), format: 'makefile' as const });

testRule(rule, {
  valid: [
    unknown('?=: the environment may set it', `ROLE ?= ${BAD}`),
    unknown('assigned twice', `ROLE = ${BAD}\nROLE = ${BAD}`),
    unknown('appended to', `ROLE = ${BAD}\nROLE += x`),
    unknown('inside a conditional', `ifdef PROD\nROLE = ${BAD}\nendif`),
    unknown('a target-specific value as well', `ROLE = ${BAD}\nota: ROLE = arn:aws:iam::123456789012:role/other`),
    unknown('with a reference to an unknown variable in its value', `ACCOUNT ?= 123456789012\nROLE = arn:aws:iam:$(ACCOUNT):role/ota-update-role`),
    unknown('with a function in its value', `ROLE = $(strip ${BAD})`),
    unknown('referring to itself', `ROLE = $(ROLE)`),
    unknown(
      ':= refers to a name assigned only below it (empty when it is expanded)',
      `ROLE := arn:aws:iam:$(ACCOUNT):role/ota-update-role\nACCOUNT = 123456789012`,
    ),
    unknown('the Makefile includes another, which may assign it', `include settings.mk\nROLE = ${BAD}`),
    unknown('set by define', `define ROLE\n${BAD}\nendef`),
    unknown('a shell command', `ROLE != echo ${BAD}`),
    { name: 'a function, not a variable', code: makefile(`ROLE = ${BAD}`, '$(strip $(ROLE))'), format: 'makefile' },
    { name: 'never assigned', code: makefile('OTHER = 1'), format: 'makefile' },
  ],
  invalid: [
    followed('ROLE = value', `ROLE = ${BAD}`),
    followed('ROLE := value, and a comment', `ROLE := ${BAD}# the release role`),
    followed('the space before a comment is in the value, and the shell splits it off', `ROLE := ${BAD} # the release role`),
    followed('override and export', `override export ROLE ::= ${BAD}`),
    followed('${ROLE}', `ROLE = ${BAD}`, '${ROLE}'),
    followed('quoted in the recipe', `ROLE = ${BAD}`, '"$(ROLE)"'),
    referring('with references to followed variables: on the assignment that has the mistake', `ACCOUNT := 123456789012\nROLE = ${WRITTEN}`),
    referring('= refers to a name assigned below it (expanded where it is used)', `ROLE = ${WRITTEN}\nACCOUNT = 123456789012`),
  ],
});
