/** ARN helpers shared by rules. Resource names may contain `:`, so split only on the first five. */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(text: string): Arn | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(':');
    if (colon === -1) return undefined;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  if (parts[0] !== 'arn') return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: rest };
}

export function isPartition(value: string): boolean {
  return (PARTITIONS as readonly string[]).includes(value);
}

export const ACCOUNT_ID = /^\d{12}$/;
/** Region names such as us-east-1, cn-north-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1. */
export const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
