import { Controller, Get, Header } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { API_CONTENT_SECURITY_POLICY } from '@plenary/server-core';
import { createHash } from 'node:crypto';
import { buildOpenApiDocument } from './openapi';

const DOCS_STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#14213d}
code,pre{background:#f1f3f8;padding:.1rem .3rem;border-radius:4px}li{margin:.3rem 0}`;
const DOCS_SCRIPT = `
const doc = await (await fetch('/api/docs/openapi.json')).json();
const list = document.getElementById('routes');
for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
  const item = document.createElement('li'); const code = document.createElement('code');
  code.textContent = method.toUpperCase() + ' ' + path; item.append(code, ' — ' + op.summary); list.append(item);
}
`;

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plenary API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${DOCS_STYLE}</style></head>
<body><main><h1>Plenary API</h1>
<p>The OpenAPI 3 document is at <a href="/api/docs/openapi.json"><code>/api/docs/openapi.json</code></a>; load it in any OpenAPI viewer.</p>
<h2>Endpoints</h2><ul id="routes"></ul></main>
<script type="module">${DOCS_SCRIPT}</script></body></html>`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The docs page may run its one inline script and style (by hash) and fetch the document; nothing else. */
const DOCS_PAGE_POLICY: Record<string, string[]> = {
  ...Object.fromEntries(Object.entries(API_CONTENT_SECURITY_POLICY).filter(([name]) => name !== 'sandbox')),
  'script-src': [sha256(DOCS_SCRIPT)],
  'style-src': [sha256(DOCS_STYLE)],
  'connect-src': ["'self'"],
};

@Controller('docs')
export class OpenApiController {
  private readonly document = buildOpenApiDocument('0.1.0');

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @RouteConfig({ helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_PAGE_POLICY } } })
  page(): string {
    return DOCS_PAGE;
  }

  @Get('openapi.json')
  openApi(): Record<string, unknown> {
    return this.document;
  }
}
