import { arnPrefixProblem, arnShapeProblem, parsedArnShapeProblem, rightArnPattern, unanchored, type ArnShape } from './arn-shape.js';
import { parseArn, type Arn } from './arn.js';
import { targetEntries } from './request-lists.js';
import { sharedList, sharedPerRequest, type Located } from './select.js';

/** Thing and thing-group names: 1..128 of letters, digits, `:`, `_` and `-` (names may hold `:`). */
export const IOT_TARGET_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;
const TARGET_RESOURCE = /^(thing|thinggroup)\/(.*)$/s;

/** `thing/<name>` or `thinggroup/<name>`, split without a match object (every target of every request is read). */
function targetResource(resource: string): { readonly kind: IotTarget['kind']; readonly name: string } | undefined {
  if (resource.startsWith('thing/')) return { kind: 'thing', name: resource.slice(6) };
  if (resource.startsWith('thinggroup/')) return { kind: 'thinggroup', name: resource.slice(11) };
  return undefined;
}
const NAME_CHARACTERS = 'must be 1 to 128 of letters, digits, ":", "_" and "-"';

export interface IotTarget {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly kind: 'thing' | 'thinggroup';
  readonly name: string;
}

const TARGET_SHAPE: ArnShape = {
  service: 'iot',
  region: 'required',
  resource: (resource) => {
    const target = targetResource(resource);
    if (!target) return `the resource "${resource}" is neither thing/<name> nor thinggroup/<name>`;
    if (!IOT_TARGET_NAME.test(target.name)) return `the name "${target.name}" ${NAME_CHARACTERS}`;
    return undefined;
  },
  resourceStart: (start) => {
    if ('thing/'.startsWith(start) || 'thinggroup/'.startsWith(start)) return undefined;
    const match = TARGET_RESOURCE.exec(start);
    if (!match) return `the resource, starting "${start}", is neither thing/<name> nor thinggroup/<name>`;
    return /^[a-zA-Z0-9:_-]{0,128}$/.test(match[2]!) ? undefined : `the name, starting "${match[2]}", ${NAME_CHARACTERS}`;
  },
};

/** Right thing and thing-group ARNs; groups: partition, region, account, kind, name. */
const RIGHT_TARGET = rightArnPattern(TARGET_SHAPE, `(thing|thinggroup)\\/(${unanchored(IOT_TARGET_NAME)})`);

/** Why a target is not a thing or thing-group ARN, as a clause; undefined when it is one. */
export function iotTargetProblem(text: string): string | undefined {
  return arnShapeProblem(text, TARGET_SHAPE);
}

/**
 * Why no run-time text after `prefix` (`thinggroup/` of `thinggroup/$GROUP`) can make a thing or
 * thing-group ARN, as a clause; undefined when some text can.
 */
export function iotTargetPrefixProblem(prefix: string): string | undefined {
  if (TARGET_RESOURCE.test(prefix)) return `it starts "${prefix}", without the arn:<partition>:iot:<region>:<account>: in front, so it is not an ARN`;
  return arnPrefixProblem(prefix, TARGET_SHAPE);
}

/** A well-formed thing or thing-group ARN, parsed; undefined otherwise. */
export function parseIotTarget(text: string): IotTarget | undefined {
  const right = rightTarget(text);
  if (right) return right;
  const arn = parseArn(text);
  return arn && parsedArnShapeProblem(arn, TARGET_SHAPE) === undefined ? iotTarget(arn) : undefined;
}

/** A `targets[]` string, read as a thing or thing-group ARN once for every rule that asks. */
export interface ReadTarget extends Located<string> {
  /** The ARN parsed; undefined when it is not one (then `problem` says why). */
  readonly target: IotTarget | undefined;
  /** Why it is not a thing or thing-group ARN, as `iotTargetProblem` says it; undefined when it is one. */
  readonly problem: string | undefined;
}

/**
 * Every `targets[]` entry that is a string, read as a target: the target rules of one request
 * share one reading (see `sharedPerRequest`), rather than each parsing every ARN again.
 */
export function readTargets(request: unknown): readonly ReadTarget[] {
  return sharedPerRequest(request, READ_TARGETS, readEveryTarget);
}

const READ_TARGETS = 'readTargets';

function readEveryTarget(request: unknown): readonly ReadTarget[] {
  const entries = targetEntries(request);
  const read = new Array<ReadTarget>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const { value, path } = entries[i]!;
    const right = rightTarget(value);
    if (right) {
      read[i] = { value, path, target: right, problem: undefined };
      continue;
    }
    const arn = parseArn(value);
    const problem = arn ? parsedArnShapeProblem(arn, TARGET_SHAPE) : arnShapeProblem(value, TARGET_SHAPE);
    read[i] = { value, path, target: arn && problem === undefined ? iotTarget(arn) : undefined, problem };
  }
  return sharedList(read);
}

/** A thing or thing-group ARN whose shape is right (its resource is `thing/<name>` or `thinggroup/<name>`), as a target. */
function iotTarget(arn: Arn): IotTarget {
  const thing = arn.resource.startsWith('thing/');
  return target(arn.partition, arn.region, arn.account, thing ? 'thing' : 'thinggroup', arn.resource.slice(thing ? 6 : 11));
}

/** The target a right ARN names, told with one test (most are right); undefined for any other text, which the shape check then explains. */
function rightTarget(text: string): IotTarget | undefined {
  const right = RIGHT_TARGET.exec(text);
  return right ? target(right[1]!, right[2]!, right[3]!, right[4] as IotTarget['kind'], right[5]!) : undefined;
}

/** One shape for every target, however it was read. */
function target(partition: string, region: string, account: string, kind: IotTarget['kind'], name: string): IotTarget {
  return { partition, region, account, kind, name };
}
