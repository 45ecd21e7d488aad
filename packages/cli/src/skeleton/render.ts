import type { SkeletonMember, SkeletonNode } from './build.js';

const EPOCH = '1970-01-01T00:00:00';

/** JSON as the AWS CLI prints it (Python's json.dump, indent 4): floats keep their `.0`. */
export function renderJson(root: SkeletonNode): string {
  const render = (node: SkeletonNode, indent: number): string => {
    const inner = ' '.repeat(indent + 4);
    const close = ' '.repeat(indent);
    switch (node.kind) {
      case 'object':
        if (node.members.length === 0) return '{}';
        return `{\n${node.members.map((m) => `${inner}${JSON.stringify(m.name)}: ${render(m.node, indent + 4)}`).join(',\n')}\n${close}}`;
      case 'map':
        return `{\n${inner}"KeyName": ${render(node.value, indent + 4)}\n${close}}`;
      case 'list':
        return `[\n${inner}${render(node.item, indent + 4)}\n${close}]`;
      case 'string':
        return JSON.stringify(node.value);
      case 'integer':
        return '0';
      case 'float':
        return '0.0';
      case 'boolean':
        return 'true';
      case 'blob':
        return 'null';
      case 'timestamp':
        return JSON.stringify(EPOCH);
    }
  };
  return `${render(root, 0)}\n`;
}

/**
 * YAML as CLI v2 prints it for --cli-input-yaml: block style, list dashes at their key's indent,
 * and an end-of-line comment on each member: [REQUIRED], the first sentence of its docs, and
 * its enum values. (ruamel.yaml puts two spaces before the comment of a mapping's first key.)
 */
export function renderYaml(root: SkeletonNode): string {
  if (root.kind !== 'object') return `${renderValueLines(root, 0).join('\n')}\n`;
  return `${mappingLines(root.members, 0).join('\n')}\n`;
}

function mappingLines(members: readonly SkeletonMember[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  members.forEach((member, index) => {
    const comment = memberComment(member);
    const gap = index === 0 ? '  ' : ' ';
    const tail = comment ? `${gap}${comment}` : '';
    if (isScalar(member.node)) {
      lines.push(`${pad}${member.name}: ${scalar(member.node)}${tail}`);
    } else {
      lines.push(`${pad}${member.name}:${tail}`);
      lines.push(...renderValueLines(member.node, member.node.kind === 'list' ? indent : indent + 2));
    }
  });
  return lines;
}

/** A collection's lines: a mapping at `indent`, or a list whose dashes sit at `indent`. */
function renderValueLines(node: SkeletonNode, indent: number): string[] {
  switch (node.kind) {
    case 'object':
      return mappingLines(node.members, indent);
    case 'map':
      return isScalar(node.value)
        ? [`${' '.repeat(indent)}KeyName: ${scalar(node.value)}`]
        : [`${' '.repeat(indent)}KeyName:`, ...renderValueLines(node.value, node.value.kind === 'list' ? indent : indent + 2)];
    case 'list': {
      const pad = ' '.repeat(indent);
      if (isScalar(node.item)) return [`${pad}- ${scalar(node.item)}`];
      const itemLines = renderValueLines(node.item, indent + 2);
      return [`${pad}- ${itemLines[0]!.trimStart()}`, ...itemLines.slice(1)];
    }
    default:
      return [`${' '.repeat(indent)}${scalar(node)}`];
  }
}

function memberComment(member: SkeletonMember): string {
  const parts: string[] = [];
  if (member.required) parts.push('[REQUIRED]');
  if (member.description) parts.push(member.description);
  if (member.enum?.length) parts.push(`Valid values are: ${member.enum.join(', ')}.`);
  return parts.length > 0 ? `# ${parts.join(' ')}` : '';
}

function isScalar(node: SkeletonNode): boolean {
  return node.kind !== 'object' && node.kind !== 'map' && node.kind !== 'list';
}

const PLAIN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|y|n)$/i;

function scalar(node: SkeletonNode): string {
  switch (node.kind) {
    case 'string':
      return PLAIN.test(node.value) && !YAML_WORDS.test(node.value) ? node.value : `'${node.value.replace(/'/g, "''")}'`;
    case 'integer':
      return '0';
    case 'float':
      return '0.0';
    case 'boolean':
      return 'true';
    case 'blob':
      return "!!binary ''";
    case 'timestamp':
      return `${EPOCH}`;
    default:
      return "''";
  }
}
