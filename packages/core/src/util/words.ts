/** Words for messages: counts, lists. One way to say each, so every message reads alike. */

/** `1 character`, `3 characters`, `2 entries` (with `pluralForm` for irregular nouns). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

const SMALL_NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** `one digit`, `two digits`; counts over ten in figures (`12 digits`). */
export function spelledPlural(count: number, singular: string, pluralForm = `${singular}s`): string {
  const word = Number.isInteger(count) && count >= 0 ? SMALL_NUMBERS[count] : undefined;
  return word === undefined ? plural(count, singular, pluralForm) : `${word} ${count === 1 ? singular : pluralForm}`;
}

/** `a`, `a or b`, `a, b or c` (or with `and`). */
export function joinWords(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
