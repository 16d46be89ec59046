import { hasSection, prependSection } from '../../src/core/changelog-file.js';

const section = '## production-2024-05-02 (2024-05-02)\n\nDeployed x.\n';

describe('the CHANGELOG file', () => {
  it('the new section goes first, below the title', () => {
    const before = '# Changelog\n\n## production-2024-05-01 (2024-05-01)\n\nOlder.\n';
    expect(prependSection(before, section, 'production-2024-05-02')).toBe(
      '# Changelog\n\n## production-2024-05-02 (2024-05-02)\n\nDeployed x.\n\n## production-2024-05-01 (2024-05-01)\n\nOlder.\n',
    );
  });

  it('a missing or empty file gets a title and the section', () => {
    expect(prependSection('', section, 'production-2024-05-02')).toBe(`# Changelog\n\n${section}`);
  });

  it('a file without a title gets the section at the very top', () => {
    expect(prependSection('## older\n', section, 'production-2024-05-02')).toBe(`${section}\n## older\n`);
  });

  it('writing a section that is already there changes nothing', () => {
    const once = prependSection('# Changelog\n', section, 'production-2024-05-02');
    expect(prependSection(once, section, 'production-2024-05-02')).toBe(once);
  });

  it('a tag is found by its exact heading, not by a longer tag of the same day', () => {
    const text = '## production-2024-05-02.2 (2024-05-02)\n';
    expect(hasSection(text, 'production-2024-05-02')).toBe(false);
    expect(hasSection(text, 'production-2024-05-02.2')).toBe(true);
  });
});
