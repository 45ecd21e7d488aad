import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { HOST_READERS, prepareBash } from '../src/document/sources/shell/hosts.js';

const test = suite('shell variables: which values a command line is read with');
const LITERAL = 'arn:aws:iam::123456789012:role/r';

/** The role ARN a script's command line is read with after `lines` (its literal, or 'unknown'), where ROLE is first assigned a literal. */
function roleOf(lines: string): string {
  const text = `#!/bin/bash\nROLE=${LITERAL}\n${lines}aws iot create-ota-update --ota-update-id a --role-arn "$ROLE"\n`;
  const value = HOST_READERS.shell('release.sh', text, { cwd: '/' }).requests[0]!.value as { roleArn: unknown };
  return typeof value.roleArn === 'string' ? value.roleArn : 'unknown';
}

/** Each of `statements`, written between the assignment and the command line, leaves ROLE as `expected`. */
function assertRoleAfterEach(statements: readonly string[], expected: string): void {
  for (const statement of statements) assert.equal(roleOf(`${statement}\n`), expected, statement);
}

test('a variable assigned once is followed; one a command also binds (read, unset, mapfile, getopts, in a function or a command substitution too) is not', async () => {
  await prepareBash();
  assertRoleAfterEach(['', 'echo "$ROLE"'], LITERAL);
  assertRoleAfterEach(['read ROLE', 'unset ROLE', 'mapfile ROLE', 'sudo true; read -r ROLE', 'x=$(read ROLE)', 'f() { getopts ab ROLE; }'], 'unknown');
});

test('printf binds only the variable after -v; printing a name does not bind it', async () => {
  await prepareBash();
  assertRoleAfterEach(['printf ROLE', "printf '%s\\n' ROLE", 'printf -- ROLE', 'printf -v OTHER ROLE'], LITERAL);
  assertRoleAfterEach(['printf -v ROLE %s arn:aws:iam::123456789012:role/other', 'printf -vROLE %s x'], 'unknown');
});

test('arithmetic assigns: let, (( )), $(( )) and ++/-- bind the names they assign, not the names they read', async () => {
  await prepareBash();
  assertRoleAfterEach(
    [
      'let ROLE=5',
      'let "ROLE = 5"',
      'let ROLE++',
      'let N=1 ROLE+=1',
      '(( ROLE = 5 ))',
      '((ROLE++))',
      '(( --ROLE ))',
      'echo $(( ROLE <<= 1 ))',
      'x=$((ROLE*=2))',
    ],
    'unknown',
  );
  assertRoleAfterEach(['let N=ROLE+1', '(( N = ROLE ))', '(( ROLE == 5 ))', '(( ROLE <= 5 ))', 'echo $(( ROLE != 1 ))', 'let "N >= 1"'], LITERAL);
});

test('source, eval and export of words made at run time may set any variable: one between the assignment and the command line leaves it unknown', async () => {
  await prepareBash();
  const setsAny = [
    'source ./vars.sh',
    '. ./vars.sh',
    'eval "$SETUP"',
    "export $(grep -v '^#' .env | xargs)",
    'export "$PAIR"',
    'f() { source ./vars.sh; }',
    'if true; then . ./env; fi',
  ];
  assertRoleAfterEach([...setsAny, 'coproc ROLE { cat; }'], 'unknown');
  assertRoleAfterEach(['export ROLE', 'readonly ROLE', 'export -n ROLE', 'declare -x A=1 B'], LITERAL);
  // Before the assignment, a sourced file sets nothing the command line reads.
  const text = `#!/bin/bash\nsource ./venv/bin/activate\nROLE=${LITERAL}\naws iot create-ota-update --ota-update-id a --role-arn "$ROLE"\n`;
  assert.equal((HOST_READERS.shell('release.sh', text, { cwd: '/' }).requests[0]!.value as { roleArn: unknown }).roleArn, LITERAL);
});

test.run();
