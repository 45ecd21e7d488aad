import vm from 'node:vm';

/**
 * How long a plugin rule may run on one request before it is stopped. A synchronous loop cannot
 * be interrupted from inside the thread it runs on, so the rules run under `vm`'s execution
 * timeout: a watchdog thread of Node's own that terminates the JavaScript running over its time
 * and turns that into a catchable error. Built-in rules are exempt (the mutation campaign in the
 * robustness suite holds them to linear time); `bench/rule-budget.mjs` measures the cost.
 */
export const DEFAULT_RULE_TIMEOUT_MS = 5000;

let context: vm.Context | undefined;
let script: vm.Script | undefined;

export type BudgetOutcome = 'done' | 'timeout';

/** Run `work` (synchronous) and stop it once it has run `ms` milliseconds. Errors it throws pass through. */
export function runWithinBudget(work: () => void, ms: number): BudgetOutcome {
  context ??= vm.createContext({ work: undefined });
  script ??= new vm.Script('work()', { filename: 'otalint-rule-budget' });
  context.work = work;
  try {
    script.runInContext(context, { timeout: Math.max(1, Math.round(ms)) });
    return 'done';
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw error;
  } finally {
    context.work = undefined;
  }
}
