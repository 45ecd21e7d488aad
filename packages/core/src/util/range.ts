/** An inclusive numeric range, as the AWS docs state limits ("60 to 3600"). */
export interface NumericRange {
  readonly min: number;
  readonly max: number;
}

/** Where a finite number falls against a range; non-numbers are left to the model check. */
export function compareToRange(value: unknown, range: NumericRange): 'below' | 'above' | 'within' | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (value < range.min) return 'below';
  if (value > range.max) return 'above';
  return 'within';
}
