import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownUrl } from '../../../utils/exports/markdown';
import { HOSTILE } from './fixtures';

// Render with GFM (tables, autolinks) and raw HTML allowed: anything not escaped would show up.
const render = (md: string) => marked.parse(md, { gfm: true, async: false });

describe('escapeMarkdown', () => {
  it('renders hostile text as exactly that text, on one line', () => {
    const html = render(`- ${escapeMarkdown(HOSTILE)}`);
    expect(html).not.toMatch(/<script|<img|<a |<em>|<strong>|<code>|<h1/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click](javascript:alert(1))');
    expect(html).toContain('&amp;amp;');
    expect(html.match(/<li>/g)).toHaveLength(1);
  });

  it('keeps a table row a single row', () => {
    const md = `| a | b |\n| --- | --- |\n| ${escapeMarkdown('x | y | z')} | ${markdownUrl('https://ex.example/?q=a|b')} |\n`;
    const html = render(md);
    expect(html.match(/<td>/g)).toHaveLength(2);
    expect(html).toContain('x | y | z');
  });

  it('never lets text open a block or an autolink', () => {
    for (const text of ['- item', '+ item', '1. item', '2) item', '# h', '> q', '=== x', 'see www.evil.example', 'https://evil.example/x', 'a@evil.example', '$x^2$']) {
      const html = render(`- ${escapeMarkdown(text)}`);
      expect(html, text).not.toMatch(/<ul>\s*<li>\s*<(ul|ol|h1|blockquote)|<a |<math|<ol/);
      expect(html.replace(/&gt;/g, '>').replace(/&amp;/g, '&'), text).toContain(text);
    }
  });

  it('never lets www. glued to other text become a link', () => {
    for (const text of ['_www.evil.example', 'credit_www.evil.example/x', 'xwww.evil.example', '9WWW.evil.example']) {
      const html = render(`- ${escapeMarkdown(text)}`);
      expect(html, text).not.toContain('<a ');
      expect(html, text).toContain(text);
    }
  });

  it('leaves ordinary punctuation readable', () => {
    expect(escapeMarkdown('"Blue vase, 1820" by A. N. Other - CC BY-SA 4.0')).toBe('"Blue vase, 1820" by A. N. Other - CC BY-SA 4.0');
  });

  it('drops bidi controls and caps length; non-strings give ""', () => {
    expect(escapeMarkdown('abc\u202Edef')).toBe('abcdef');
    expect(escapeMarkdown('x'.repeat(600))).toHaveLength(500);
    expect(escapeMarkdown(42)).toBe('');
    expect(escapeMarkdown(null)).toBe('');
  });
});

describe('markdownUrl', () => {
  it('autolinks http(s) only', () => {
    expect(markdownUrl('https://ex.example/a b')).toBe('<https://ex.example/a%20b>');
    expect(render(markdownUrl('javascript:alert(1)'))).not.toContain('<a');
    expect(render(markdownUrl('not a url <b>'))).not.toContain('<b>');
  });
});
