/**
 * Test-only fault injection, for proving the journal's crash safety with a real process kill.
 * `OTALINT_TEST_FAULT=kill-after-response` makes submit SIGKILL itself right after AWS answers a
 * CreateOTAUpdate and before the outcome is journaled: the worst moment to die. Unset in normal use;
 * documented in docs/submit.md so nobody is surprised by it.
 */
export type FaultPoint = 'after-response';

export function faultHook(env: NodeJS.ProcessEnv): (point: FaultPoint) => void {
  const fault = env.OTALINT_TEST_FAULT;
  if (fault !== 'kill-after-response') return () => {};
  return (point) => {
    if (point === 'after-response') process.kill(process.pid, 'SIGKILL');
  };
}
