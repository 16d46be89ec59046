/** Small builders for job summaries: tables a person reads at a glance, and mermaid diagrams. */

export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function heading(level: 1 | 2 | 3 | 4, text: string): string {
  return `${'#'.repeat(level)} ${text}`;
}

export function mermaid(diagram: string): string {
  return ['```mermaid', diagram.trim(), '```'].join('\n');
}

export function code(text: string, language = ''): string {
  const fence = text.includes('```') ? '````' : '```';
  return [`${fence}${language}`, text.replace(/\n$/, ''), fence].join('\n');
}

export function details(summaryLine: string, body: string): string {
  return `<details><summary>${summaryLine}</summary>\n\n${body}\n\n</details>`;
}

export function bullets(items: string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** Joins the non-empty blocks of a summary with blank lines. */
export function blocks(...parts: (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join('\n\n');
}
