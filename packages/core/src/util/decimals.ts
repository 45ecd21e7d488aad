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

/** 10 to the power of 0 to 15: each exact as a double. */
const SCALES = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `decimalPlaces(value) <= places`, most often without writing the number as text: when a
 * decimal of at most `places` digits (an integer over 10^places, both exact doubles, so the
 * division is the double nearest that decimal) gives the value back, the value's shortest
 * round-trip form has no more digits after the point. Otherwise the digits are counted.
 */
export function hasAtMostDecimalPlaces(value: number, places: number): boolean {
  if (places >= 0 && places < SCALES.length) {
    const scale = SCALES[places]!;
    const scaled = Math.round(value * scale);
    if (Math.abs(scaled) <= Number.MAX_SAFE_INTEGER && scaled / scale === value) return true;
  }
  return decimalPlaces(value) <= places;
}

/** The nearest values with at most `places` decimals on either side, for suggestions. */
export function roundingNeighbours(value: number, places: number): [number, number] {
  const scale = 10 ** places;
  const down = Math.floor(value * scale) / scale;
  const up = Math.ceil(value * scale) / scale;
  return [Number(down.toFixed(places)), Number(up.toFixed(places))];
}
