import { render } from '@testing-library/react';
import { RenderedMarkdown } from './rendered-markdown';

describe('RenderedMarkdown', () => {
  it('rebuilds the allowed elements and keeps links with a safe scheme only', () => {
    const { container } = render(
      <RenderedMarkdown
        html={
          '<h2>Access</h2>\n<p>Step-free <strong>entrance</strong>, <a href="https://example.org" onclick="x()">map</a> and ' +
          '<a href="javascript:alert(1)">bad</a>.</p>\n<ul><li>one</li></ul>\n<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>'
        }
      />,
    );
    const root = container.firstElementChild;
    if (!root) throw new Error('nothing rendered');
    // A heading inside a section starts below the section's own h2.
    expect(root.querySelector('h4')?.textContent).toBe('Access');
    expect(root.querySelector('h2')).toBeNull();
    expect(root.querySelector('strong')?.textContent).toBe('entrance');
    const links = Array.from(root.querySelectorAll('a'));
    expect(
      links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('rel')]),
    ).toEqual([['map', 'https://example.org', 'nofollow noopener noreferrer']]);
    expect(root.textContent).toContain('bad');
    expect(links[0]?.getAttribute('onclick')).toBeNull();
    expect(root.querySelector('li')?.textContent).toBe('one');
    expect(root.querySelector('img, iframe, script')).toBeNull();
  });

  it('shows escaped HTML as text, never as markup', () => {
    const { container } = render(<RenderedMarkdown html={'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toBe('<script>alert(1)</script>');
  });

  it('drops raw script and style elements with their content', () => {
    const { container } = render(
      <RenderedMarkdown html={'<p>Before</p><script>alert(1)</script><style>p{}</style><p>After</p>'} />,
    );
    expect(container.textContent).toBe('BeforeAfter');
  });
});
