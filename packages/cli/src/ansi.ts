/** One way of styling text for a terminal. */
type Style = (text: string) => string;

/** The ANSI styles human output uses: the basic codes every terminal reads, each with its own reset. */
export interface Styles {
  readonly red: Style;
  readonly yellow: Style;
  readonly blue: Style;
  readonly green: Style;
  readonly cyan: Style;
  readonly bold: Style;
  readonly dim: Style;
  readonly underline: Style;
}

const CODES: Readonly<Record<keyof Styles, readonly [open: number, close: number]>> = {
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
  cyan: [36, 39],
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
};

const plain: Style = (text) => text;

/**
 * Styles that color text when `color`, and leave it as it is otherwise. An empty text stays
 * empty. Nest only styles of different kinds (a color inside bold): bold and dim share a reset.
 */
export function styles(color: boolean): Styles {
  const make = ([open, close]: readonly [number, number]): Style => (color ? (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`) : plain);
  return Object.fromEntries(Object.entries(CODES).map(([name, codes]) => [name, make(codes)])) as unknown as Styles;
}
