import type { PermissionVerdict, PolicyDocument } from '../account/types.js';

/**
 * Reading IAM policy documents, for deep checks where IAM's policy simulator is not available.
 * What it evaluates: Allow and Deny, `Action`/`NotAction`, `Resource`/`NotResource`, `*` and `?`
 * wildcards (actions case-insensitively, resources case-sensitively), an explicit Deny beating
 * any Allow, and a permissions boundary that must allow too. What it does not: conditions and
 * policy variables (a statement with either makes the answer `undetermined` rather than a
 * guess), resource-based policies, SCPs and session policies.
 */

interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly sid: string | undefined;
  readonly actions: { readonly not: boolean; readonly patterns: readonly string[] } | undefined;
  readonly resources: { readonly not: boolean; readonly patterns: readonly string[] } | undefined;
  readonly principal: unknown;
  readonly conditional: boolean;
}

export interface NamedPolicy {
  /** How messages name it: `inline policy "s3-read"`, `managed policy arn:...`. */
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface PolicyEvaluation {
  readonly verdict: PermissionVerdict;
  /** The statement that decided, or why the answer is undetermined. */
  readonly detail?: string;
}

function list(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

function statementsOf(document: PolicyDocument): Statement[] {
  const raw = document.Statement;
  const items = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  return items.flatMap((item): Statement[] => {
    if (item === null || typeof item !== 'object') return [];
    const s = item as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return [];
    const action = list(s.Action);
    const notAction = list(s.NotAction);
    const resource = list(s.Resource);
    const notResource = list(s.NotResource);
    return [
      {
        effect: s.Effect,
        sid: typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined,
        actions: action ? { not: false, patterns: action } : notAction ? { not: true, patterns: notAction } : undefined,
        resources: resource ? { not: false, patterns: resource } : notResource ? { not: true, patterns: notResource } : undefined,
        principal: s.Principal,
        conditional: s.Condition !== undefined && !(typeof s.Condition === 'object' && s.Condition !== null && Object.keys(s.Condition).length === 0),
      },
    ];
  });
}

/** An IAM wildcard pattern (`*` any run, `?` one character) as a regular expression. */
function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

const hasVariable = (pattern: string) => pattern.includes('${');

/** Whether a statement covers the action and resource: yes, no, or "depends" (a policy variable). */
function covers(statement: Statement, action: string, resource: string): boolean | 'depends' {
  if (!coversAction(statement, action) || !statement.resources) return false;
  if (statement.resources.patterns.some(hasVariable)) return 'depends';
  const resourceHit = statement.resources.patterns.some((p) => wildcard(p, false).test(resource));
  return resourceHit !== statement.resources.not;
}

function coversAction(statement: Statement, action: string): boolean {
  if (!statement.actions) return false;
  return statement.actions.patterns.some((p) => wildcard(p, true).test(action)) !== statement.actions.not;
}

function describe(statement: Statement, policy: NamedPolicy): string {
  return `${statement.sid ? `statement "${statement.sid}" of ` : 'a statement of '}${policy.name}`;
}

/** Identity-based policies (inline and attached) over one action on one resource. */
export function evaluatePolicies(policies: readonly NamedPolicy[], action: string, resource: string): PolicyEvaluation {
  let allow: string | undefined;
  let maybeAllow: string | undefined;
  let maybeDeny: string | undefined;
  for (const policy of policies) {
    for (const statement of statementsOf(policy.document)) {
      const hit = covers(statement, action, resource);
      if (hit === false) continue;
      const certain = hit === true && !statement.conditional;
      if (statement.effect === 'Deny') {
        if (certain) return { verdict: 'denied', detail: `denied by ${describe(statement, policy)}` };
        maybeDeny ??= `${describe(statement, policy)} may deny it (conditions or policy variables otalint does not evaluate)`;
      } else if (certain) allow ??= `allowed by ${describe(statement, policy)}`;
      else maybeAllow ??= `only ${describe(statement, policy)} allows it, under conditions or policy variables otalint does not evaluate`;
    }
  }
  if (maybeDeny !== undefined) return { verdict: 'undetermined', detail: maybeDeny };
  if (allow !== undefined) return { verdict: 'allowed', detail: allow };
  if (maybeAllow !== undefined) return { verdict: 'undetermined', detail: maybeAllow };
  return { verdict: 'not-allowed' };
}

/** The verdict when a permissions boundary applies too: both must allow, a Deny in either wins. */
export function withBoundary(identity: PolicyEvaluation, boundary: PolicyEvaluation): PolicyEvaluation {
  if (identity.verdict === 'denied') return identity;
  if (boundary.verdict === 'denied') return { verdict: 'denied', detail: `${boundary.detail} (the permissions boundary)` };
  if (boundary.verdict === 'not-allowed') return { verdict: 'not-allowed', detail: 'the permissions boundary does not allow it' };
  if (identity.verdict === 'allowed' && boundary.verdict === 'allowed') return identity;
  if (identity.verdict === 'not-allowed') return identity;
  return identity.verdict === 'undetermined' ? identity : boundary;
}

/**
 * Whether a role's trust policy lets an AWS service principal (`iot.amazonaws.com`) call
 * `sts:AssumeRole`. A condition on the Allow (AWS recommends `aws:SourceAccount`/`aws:SourceArn`
 * against the confused deputy) still counts as allowing: the service meets it for its own calls.
 */
export function trustAllowsService(document: PolicyDocument | undefined, service: string): PolicyEvaluation {
  if (!document) return { verdict: 'not-allowed', detail: 'the role has no trust policy' };
  let allow: string | undefined;
  const policy = { name: 'the trust policy', document };
  for (const statement of statementsOf(document)) {
    if (!coversAction(statement, 'sts:AssumeRole') || !principalNames(statement.principal, service)) continue;
    if (statement.effect === 'Deny' && !statement.conditional) return { verdict: 'denied', detail: `denied by ${describe(statement, policy)}` };
    if (statement.effect === 'Allow') allow ??= `allowed by ${describe(statement, policy)}`;
  }
  return allow ? { verdict: 'allowed', detail: allow } : { verdict: 'not-allowed' };
}

function principalNames(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const p = principal as Record<string, unknown>;
  return (list(p.Service) ?? []).includes(service) || (list(p.AWS) ?? []).includes('*');
}
