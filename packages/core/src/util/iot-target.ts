import { arnPrefixProblem, arnShapeProblem, parsedArnShapeProblem, type ArnShape } from './arn-shape.js';
import { parseArn } from './arn.js';

/** Thing and thing-group names: 1..128 of letters, digits, `:`, `_` and `-` (names may hold `:`). */
export const IOT_TARGET_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;
const TARGET_RESOURCE = /^(thing|thinggroup)\/(.*)$/s;
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
    const match = TARGET_RESOURCE.exec(resource);
    if (!match) return `the resource "${resource}" is neither thing/<name> nor thinggroup/<name>`;
    if (!IOT_TARGET_NAME.test(match[2]!)) return `the name "${match[2]}" ${NAME_CHARACTERS}`;
    return undefined;
  },
  resourceStart: (start) => {
    if ('thing/'.startsWith(start) || 'thinggroup/'.startsWith(start)) return undefined;
    const match = TARGET_RESOURCE.exec(start);
    if (!match) return `the resource, starting "${start}", is neither thing/<name> nor thinggroup/<name>`;
    return /^[a-zA-Z0-9:_-]{0,128}$/.test(match[2]!) ? undefined : `the name, starting "${match[2]}", ${NAME_CHARACTERS}`;
  },
};

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
  const arn = parseArn(text);
  if (!arn || parsedArnShapeProblem(arn, TARGET_SHAPE) !== undefined) return undefined;
  const [, kind, name] = TARGET_RESOURCE.exec(arn.resource)!;
  return { partition: arn.partition, region: arn.region, account: arn.account, kind: kind as IotTarget['kind'], name: name! };
}
