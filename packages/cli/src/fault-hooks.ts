/**
 * Test-only fault injection, for proving crash safety with a real process kill at the worst
 * moment. `OTALINT_TEST_FAULT=kill-<point>` makes otalint SIGKILL itself there:
 * - `after-response`: submit, right after AWS answers a CreateOTAUpdate, before the outcome is journaled;
 * - `before-rename`: --fix, after the fixed text is written and fsynced beside the file, before it replaces it.
 * `OTALINT_TEST_LOCK_AT=<ms since the epoch>` makes submit wait until then to take the journal's
 * lock, so a test can line many processes up at it.
 * Unset in normal use; documented in docs/submit.md and docs/commands.md so nobody is surprised by it.
 */
export type FaultPoint = 'after-response' | 'before-rename';

export type FaultHook = (point: FaultPoint) => void;

export const noFault: FaultHook = () => {};

export function faultHook(env: NodeJS.ProcessEnv): FaultHook {
  const fault = env.OTALINT_TEST_FAULT;
  if (fault === undefined || !fault.startsWith('kill-')) return noFault;
  return (point) => {
    if (fault === `kill-${point}`) process.kill(process.pid, 'SIGKILL');
  };
}

/** Wait for the moment OTALINT_TEST_LOCK_AT names, if it is still to come. */
export async function lockLineUp(env: NodeJS.ProcessEnv): Promise<void> {
  const wait = Number(env.OTALINT_TEST_LOCK_AT) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
