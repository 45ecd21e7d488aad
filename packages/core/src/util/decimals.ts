/**
 * Digits after the decimal point in the number the service receives: the shortest round-trip
 * form of the parsed value (`1.50` is 1.5, one place), so floating-point noise is never counted.
 * Read from that form's text (`1.5e-7` has 8), without a pattern.
 */
export function decimalPlaces(value: number): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return 0;
  const text = String(value);
  const e = text.indexOf('e');
  const end = e === -1 ? text.length : e;
  const dot = text.indexOf('.');
  const fraction = dot === -1 ? 0 : end - dot - 1;
  return Math.max(0, fraction - (e === -1 ? 0 : Number(text.slice(e + 1))));
}

/** The nearest values with at most `places` decimals on either side, for suggestions. */
export function roundingNeighbours(value: number, places: number): [number, number] {
  const scale = 10 ** places;
  const down = Math.floor(value * scale) / scale;
  const up = Math.ceil(value * scale) / scale;
  return [Number(down.toFixed(places)), Number(up.toFixed(places))];
}
