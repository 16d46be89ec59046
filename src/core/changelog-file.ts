/**
 * The CHANGELOG file on the default branch: each deploy's section is prepended, newest first,
 * below the file's title if it has one. Writing a section that is already there changes nothing.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the file already has the section of `tag` (its `## <tag>` heading). */
export function hasSection(changelog: string, tag: string): boolean {
  return new RegExp(`^## \\[?${escapeRegExp(tag)}(?:\\]|\\s|$)`, 'm').test(changelog);
}

export function prependSection(changelog: string, section: string, tag: string): string {
  if (hasSection(changelog, tag)) return changelog;
  const body = `${section.trim()}\n`;
  const existing = changelog.replace(/^\uFEFF/, '');
  if (existing.trim() === '') return `# Changelog\n\n${body}`;
  const title = /^# .*\n(?:\s*\n)*/.exec(existing);
  if (title) {
    const rest = existing.slice(title[0].length);
    return `${title[0].trimEnd()}\n\n${body}${rest ? `\n${rest}` : ''}`;
  }
  return `${body}\n${existing}`;
}
