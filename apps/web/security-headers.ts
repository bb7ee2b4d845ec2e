// The security headers of the web app's documents and assets: `vite preview` (npm start) sends them from here, and
// infra/nginx/security-headers.conf writes the same policy (a test keeps the two in step).

/** Where the browser talks to LiveKit: signalling over ws(s):, and http(s): for its validate and region calls. */
export function livekitSources(livekitUrl: string): string[] {
  const url = new URL(livekitUrl);
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  return [`${secure ? 'wss' : 'ws'}://${url.host}`, `${secure ? 'https' : 'http'}://${url.host}`];
}

/**
 * The Content-Security-Policy of the web app: everything from our own origin; scripts and styles from files only
 * (no inline code, no eval — WebAssembly compilation is allowed for the QR reader); LiveKit's server for the video
 * stage; data:/blob: images (QR codes, previews) and blob: media and workers; the two consented third-party embeds.
 */
export function webContentSecurityPolicy(livekitUrl: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${livekitSources(livekitUrl).join(' ')}`,
    "media-src 'self' blob:",
    'frame-src https://www.youtube-nocookie.com https://www.openstreetmap.org',
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every security header of the web app's responses (HSTS belongs to the TLS terminator). */
export function webSecurityHeaders(livekitUrl: string): Record<string, string> {
  return {
    'Content-Security-Policy': webContentSecurityPolicy(livekitUrl),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy':
      'camera=(self), microphone=(self), display-capture=(self), ' +
      'fullscreen=(self "https://www.youtube-nocookie.com"), autoplay=(self "https://www.youtube-nocookie.com"), ' +
      'geolocation=(), payment=(), usb=()',
  };
}
