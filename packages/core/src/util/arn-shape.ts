import { ACCOUNT_ID, PARTITIONS, REGION, isPartition, parseArn, type Arn } from './arn.js';

export interface ArnShape {
  /** e.g. 'iam', 'iot' */
  readonly service: string;
  /** IAM ARNs have an empty region field; regional services need one. */
  readonly region: 'empty' | 'required';
  /** Whether the resource part (after the fifth colon) is right; the reason when it is not. */
  readonly resource: (resource: string) => string | undefined;
  /**
   * Whether some text can follow `start` to make a right resource part; the reason when none can.
   * Omitted: any start can be completed.
   */
  readonly resourceStart?: (start: string) => string | undefined;
}

/**
 * Why `text` is not an ARN of the given shape, as a clause a message can end with
 * ("the account \"12345\" must be 12 digits"); undefined when it is one.
 */
export function arnShapeProblem(text: string, shape: ArnShape): string | undefined {
  const arn = parseArn(text);
  return arn ? parsedArnShapeProblem(arn, shape) : 'it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)';
}

/**
 * A pattern only right ARNs of a shape match: one of the partitions, the service, the region field
 * (empty, or a region name), 12 digits, then `resource` (a pattern's source, unanchored, that only
 * right resource parts match). Groups: the partition, the region (when required), the account,
 * then the resource's own. Most ARNs a run reads are right: one test tells so, before any field
 * is split out and judged.
 */
export function rightArnPattern(shape: Pick<ArnShape, 'service' | 'region'>, resource: string): RegExp {
  const region = shape.region === 'empty' ? '' : `(${unanchored(REGION)})`;
  return new RegExp(`^arn:(${PARTITIONS.join('|')}):${shape.service}:${region}:(${unanchored(ACCOUNT_ID)}):${resource}$`);
}

/** A pattern's source without its `^` and `$`. */
export function unanchored(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, '').replace(/\$$/, '');
}

/** `arnShapeProblem` of an ARN already parsed. */
export function parsedArnShapeProblem(arn: Arn, shape: ArnShape): string | undefined {
  // By index, not destructured: every target and role ARN of every request is checked here.
  return (
    FIELDS[0]!.whole(arn.partition, shape, arn.partition) ??
    FIELDS[1]!.whole(arn.service, shape, arn.partition) ??
    FIELDS[2]!.whole(arn.region, shape, arn.partition) ??
    FIELDS[3]!.whole(arn.account, shape, arn.partition) ??
    shape.resource(arn.resource)
  );
}

/**
 * Why no text can follow `prefix` to make an ARN of the given shape: the literal start of a value
 * whose rest is known only at run time (`thinggroup/$GROUP`). Undefined when some text can.
 */
export function arnPrefixProblem(prefix: string, shape: ArnShape): string | undefined {
  const parts = prefix.split(':');
  const known = (i: number) => i < parts.length - 1; // followed by a colon: the whole field is written
  if (known(0) ? parts[0] !== 'arn' : !'arn'.startsWith(parts[0]!))
    return `it starts "${prefix}", so it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)`;
  const partition = parts[1] ?? '';
  for (let i = 1; i < Math.min(parts.length, 5); i++) {
    const field = FIELDS[i - 1]!;
    const problem = known(i) ? field.whole(parts[i]!, shape, partition) : field.start(parts[i]!, shape, partition);
    if (problem) return problem;
  }
  return parts.length > 5 ? shape.resourceStart?.(parts.slice(5).join(':')) : undefined;
}

/** One field of an ARN, after `arn:`: checked whole, or by its start when the rest is not known. */
interface Field {
  whole(value: string, shape: ArnShape, partition: string): string | undefined;
  /** Only what no ending can mend. */
  start(value: string, shape: ArnShape, partition: string): string | undefined;
}

const globalRegion = (region: string, shape: ArnShape, partition: string, verb: string) =>
  `the region field ${verb} "${region}"; it must be empty (${shape.service.toUpperCase()} is global: arn:${partition}:${shape.service}::...)`;

const FIELDS: readonly Field[] = [
  {
    whole: (partition) => (isPartition(partition) ? undefined : `the partition "${partition}" is not one of ${PARTITIONS.join(', ')}`),
    start: (partition) =>
      PARTITIONS.some((name) => name.startsWith(partition)) ? undefined : `the partition, starting "${partition}", is not one of ${PARTITIONS.join(', ')}`,
  },
  {
    whole: (service, shape) => (service === shape.service ? undefined : `the service is "${service}"; it must be "${shape.service}"`),
    start: (service, shape) => (shape.service.startsWith(service) ? undefined : `the service starts "${service}"; it must be "${shape.service}"`),
  },
  {
    whole: (region, shape, partition) => {
      if (shape.region === 'empty') return region === '' ? undefined : globalRegion(region, shape, partition, 'is');
      if (REGION.test(region)) return undefined;
      return region === ''
        ? 'the region field is empty; it must name a region such as us-east-1'
        : `the region "${region}" is not a region name such as us-east-1`;
    },
    start: (region, shape, partition) => {
      if (shape.region === 'empty') return region === '' ? undefined : globalRegion(region, shape, partition, 'starts');
      return /^[a-z0-9-]*$/.test(region) ? undefined : `the region, starting "${region}", is not a region name such as us-east-1`;
    },
  },
  {
    whole: (account) => (ACCOUNT_ID.test(account) ? undefined : `the account "${account}" must be 12 digits`),
    start: (account) => (/^\d{0,12}$/.test(account) ? undefined : `the account, starting "${account}", must be 12 digits`),
  },
];
