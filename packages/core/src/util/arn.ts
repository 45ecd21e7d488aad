/** ARN helpers shared by rules. Resource names may contain `:`, so split only on the first five. */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`, split at its first five colons; undefined when it is not one. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const service = text.indexOf(':', 4) + 1;
  const region = service && text.indexOf(':', service) + 1;
  const account = region && text.indexOf(':', region) + 1;
  const resource = account && text.indexOf(':', account) + 1;
  if (!resource) return undefined;
  return {
    partition: text.slice(4, service - 1),
    service: text.slice(service, region - 1),
    region: text.slice(region, account - 1),
    account: text.slice(account, resource - 1),
    resource: text.slice(resource),
  };
}

export function isPartition(value: string): boolean {
  return (PARTITIONS as readonly string[]).includes(value);
}

export const ACCOUNT_ID = /^\d{12}$/;
/** Region names such as us-east-1, cn-north-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1. */
export const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
