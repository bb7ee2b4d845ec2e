import MarkdownIt from 'markdown-it';

/**
 * Markdown of organisers (descriptions, abstracts, biographies, text blocks), rendered on the server. Raw HTML is
 * escaped (`html: false`) and markdown-it's link validation drops `javascript:`, `vbscript:`, `file:` and non-image
 * `data:` targets, so nothing an editor writes can run in a reader's browser. Links leave with
 * `rel="nofollow noopener noreferrer"`.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const defaultLinkOpen = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, index, options, env, self)
    : self.renderToken(tokens, index, options);
};

/** HTML of a Markdown source; null for none. */
export function renderMarkdown(source: string | null): string | null {
  return source === null ? null : md.render(source);
}
