/** The fenced code blocks of a Markdown text with the given info string (```sh), in order. */
export function fencedBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = /^( *)```(\S*)[^\n]*\n([\s\S]*?)^\1```/gm;
  for (const match of markdown.matchAll(fence)) {
    if (match[2] !== language) continue;
    const indent = match[1]!.length;
    blocks.push(
      match[3]!
        .split('\n')
        .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
        .join('\n'),
    );
  }
  return blocks;
}
