import { ACCOUNT_ID, PARTITIONS, REGION, isPartition, parseArn } from './arn.js';

export interface ArnShape {
  /** e.g. 'iam', 'iot' */
  readonly service: string;
  /** IAM ARNs have an empty region field; regional services need one. */
  readonly region: 'empty' | 'required';
  /** Whether the resource part (after the fifth colon) is right; the reason when it is not. */
  readonly resource: (resource: string) => string | undefined;
}

/**
 * Why `text` is not an ARN of the given shape, as a clause a message can end with
 * ("the account \"12345\" must be 12 digits"); undefined when it is one.
 */
export function arnShapeProblem(text: string, shape: ArnShape): string | undefined {
  const arn = parseArn(text);
  if (!arn) return 'it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)';
  if (!isPartition(arn.partition)) return `the partition "${arn.partition}" is not one of ${PARTITIONS.join(', ')}`;
  if (arn.service !== shape.service) return `the service is "${arn.service}"; it must be "${shape.service}"`;
  if (shape.region === 'empty' && arn.region !== '')
    return `the region field is "${arn.region}"; it must be empty (${shape.service.toUpperCase()} is global: arn:${arn.partition}:${shape.service}::...)`;
  if (shape.region === 'required' && !REGION.test(arn.region)) {
    return arn.region === ''
      ? 'the region field is empty; it must name a region such as us-east-1'
      : `the region "${arn.region}" is not a region name such as us-east-1`;
  }
  if (!ACCOUNT_ID.test(arn.account)) return `the account "${arn.account}" must be 12 digits`;
  return shape.resource(arn.resource);
}
