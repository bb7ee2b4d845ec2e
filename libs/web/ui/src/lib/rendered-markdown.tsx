import { createElement, Fragment } from 'react';
import type { ReactNode } from 'react';
import { classNames } from './class-names';

/** Elements markdown-it produces (with `html: false`) that a page shows; anything else is kept as its text only. */
const ALLOWED = new Set([
  'p',
  'br',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
/** Elements whose content is not text for people: dropped with their content. */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math']);
/** Headings inside a section start below its own heading level. */
const HEADING_SHIFT: Record<string, string> = { h1: 'h3', h2: 'h4', h3: 'h5', h4: 'h6', h5: 'h6', h6: 'h6' };
const SAFE_HREF = /^(https?:|mailto:|#|\/)/i;

function toReact(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (DROPPED.has(tag)) return null;
  const children = Array.from(element.childNodes, toReact);
  if (!ALLOWED.has(tag)) return createElement(Fragment, { key }, ...children);
  if (tag === 'a') {
    const href = element.getAttribute('href') ?? '';
    if (!SAFE_HREF.test(href)) return createElement(Fragment, { key }, ...children);
    return createElement('a', { key, href, rel: 'nofollow noopener noreferrer' }, ...children);
  }
  if (tag === 'br' || tag === 'hr') return createElement(tag, { key });
  return createElement(HEADING_SHIFT[tag] ?? tag, { key }, ...children);
}

export interface RenderedMarkdownProps {
  /** HTML the server rendered from Markdown (markdown-it, raw HTML escaped, unsafe links dropped). */
  html: string;
  className?: string;
}

/**
 * Shows Markdown the server rendered, without an HTML sink: the HTML is parsed into an inert document and rebuilt as
 * React elements from a short list of tags (paragraphs, emphasis, lists, links with safe schemes, code, quotes); any
 * other element keeps only its text and no attribute but a link's `href` survives.
 */
export function RenderedMarkdown({ html, className }: RenderedMarkdownProps) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return <div className={classNames('pl-markdown', className)}>{Array.from(body.childNodes, toReact)}</div>;
}
