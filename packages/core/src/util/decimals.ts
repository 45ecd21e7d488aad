/**
 * Digits after the decimal point in the number the service receives: the shortest round-trip
 * form of the parsed value (`1.50` is 1.5, one place), so floating-point noise is never counted.
 */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(value)));
  if (!match) return 0;
  const fraction = match[2]?.length ?? 0;
  const exponent = match[3] ? Number(match[3]) : 0;
  return Math.max(0, fraction - exponent);
}

/** The nearest values with at most `places` decimals on either side, for suggestions. */
export function roundingNeighbours(value: number, places: number): [number, number] {
  const scale = 10 ** places;
  const down = Math.floor(value * scale) / scale;
  const up = Math.ceil(value * scale) / scale;
  return [Number(down.toFixed(places)), Number(up.toFixed(places))];
}
