export interface FencedBlock {
  /** The whole info string after the fence (```js config → "js config"). */
  readonly info: string;
  readonly text: string;
}

/** Every fenced code block of a Markdown text, in order, with its indentation removed. */
export function allFencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const fence = /^( *)```([^\n]*)\n([\s\S]*?)^\1```/gm;
  for (const match of markdown.matchAll(fence)) {
    const indent = match[1]!.length;
    const text = match[3]!
      .split('\n')
      .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
      .join('\n');
    blocks.push({ info: match[2]!.trim(), text });
  }
  return blocks;
}

/** The fenced code blocks of a Markdown text in the given language (```sh), in order. */
export function fencedBlocks(markdown: string, language: string): string[] {
  return allFencedBlocks(markdown)
    .filter((block) => block.info.split(/\s/)[0] === language)
    .map((block) => block.text);
}
