import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { livekitSources, webContentSecurityPolicy, webSecurityHeaders } from './security-headers';

const NGINX = join(__dirname, '../../infra/nginx');

/** LIVEKIT_CONNECT_SRC as the nginx image's entrypoint derives it (the .envsh sourced by a POSIX shell). */
function nginxConnectSrc(livekitUrl: string): string {
  return execFileSync(
    'sh',
    ['-c', '. "$0" && printf %s "$LIVEKIT_CONNECT_SRC"', join(NGINX, 'livekit-csp.envsh')],
    {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LIVEKIT_URL: livekitUrl },
      encoding: 'utf8',
    },
  );
}

/** The CSP of infra/nginx/security-headers.conf, rendered the way envsubst does at the container's start. */
function nginxPolicy(livekitUrl: string): string {
  const template = readFileSync(join(NGINX, 'security-headers.conf'), 'utf8');
  const policy = /add_header Content-Security-Policy "([^"]+)" always;/.exec(template)?.[1];
  if (!policy) throw new Error('no Content-Security-Policy in security-headers.conf');
  return policy.replace('${LIVEKIT_CONNECT_SRC}', nginxConnectSrc(livekitUrl));
}

describe(webContentSecurityPolicy.name, () => {
  it('allows LiveKit by its origin, in its websocket and http forms', () => {
    expect(livekitSources('ws://localhost:7880')).toEqual(['ws://localhost:7880', 'http://localhost:7880']);
    expect(livekitSources('wss://livekit.example.org')).toEqual([
      'wss://livekit.example.org',
      'https://livekit.example.org',
    ]);
    expect(livekitSources('https://media.example.org:8443/rtc')).toEqual([
      'wss://media.example.org:8443',
      'https://media.example.org:8443',
    ]);
    expect(webContentSecurityPolicy('wss://livekit.example.org')).toContain(
      "connect-src 'self' wss://livekit.example.org https://livekit.example.org;",
    );
  });

  it('runs no inline code and no eval, and may not be framed', () => {
    const policy = webContentSecurityPolicy('ws://localhost:7880');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(webSecurityHeaders('ws://localhost:7880')).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });

  it('is the policy nginx serves in production, for any LIVEKIT_URL', () => {
    for (const url of [
      'ws://localhost:7880',
      'wss://livekit.example.org',
      'https://media.example.org:8443/x',
    ]) {
      expect(nginxPolicy(url)).toBe(webContentSecurityPolicy(url));
    }
  });

  it('stops the nginx container with a sentence when LIVEKIT_URL is not a LiveKit address', () => {
    expect(() => nginxConnectSrc('ftp://example.org')).toThrow(/LIVEKIT_URL must start with ws/);
  });
});
