import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { webSecurityHeaders } from './security-headers';

const workspaceRoot = resolve(import.meta.dirname, '../..');

interface TsConfigBase {
  compilerOptions: { paths: Record<string, string[]> };
}

/**
 * Every `@plenary/*` alias of tsconfig.base.json, matched exactly (so `@plenary/x` never swallows
 * `@plenary/x/testing`), so Vite resolves imports the way TypeScript does.
 */
function readPathAliases(): { find: RegExp; replacement: string }[] {
  const tsconfig = JSON.parse(
    readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8'),
  ) as TsConfigBase;
  return Object.entries(tsconfig.compilerOptions.paths).flatMap(([alias, targets]) =>
    targets[0]
      ? [
          {
            find: new RegExp(`^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
            replacement: resolve(workspaceRoot, targets[0]),
          },
        ]
      : [],
  );
}

function readPort(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw ? Number(raw) : fallback;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${name} must be a TCP port, got "${raw ?? ''}"`);
  }
  return port;
}

const webPort = readPort('WEB_PORT', 4200);
const apiTarget = `http://127.0.0.1:${readPort('API_PORT', 3000)}`;
const liveTarget = `http://127.0.0.1:${readPort('LIVE_PORT', 3001)}`;

const server = {
  host: '127.0.0.1',
  port: webPort,
  strictPort: true,
  proxy: {
    '/api': { target: apiTarget, changeOrigin: false },
    '/live': { target: liveTarget, changeOrigin: false, ws: true },
  },
};

/**
 * The staff check-in app is installable and reloads offline (docs/checkin.md, "Staff app"). The service worker
 * precaches the app shell (HTML, JS, CSS, the QR reader's .wasm, icons). It is registered only by the staff app
 * (`injectRegister: false`), so other pages are never controlled by it unless a staff phone opened the staff app.
 * It answers navigations only for the staff pages (from the precached shell); every other navigation, and every
 * /api and /live request, goes to the network untouched (no runtime caching).
 */
const pwa = VitePWA({
  strategies: 'generateSW',
  injectRegister: false,
  registerType: 'autoUpdate',
  filename: 'sw.js',
  includeAssets: ['favicon.svg', 'staff-icon.svg'],
  manifest: {
    id: '/staff',
    name: 'Plenary door check-in',
    short_name: 'Check-in',
    description: 'Scan tickets and check people in at the door, online or offline.',
    start_url: '/staff',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    theme_color: '#0b1f3a',
    background_color: '#f7f5f0',
    icons: [{ src: '/staff-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,wasm,webmanifest}'],
    // The QR reader's .wasm is about 1 MiB.
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackAllowlist: [/^\/staff$/, /^\/e\/[^/]+\/staff(?:\/|$)/],
    navigateFallbackDenylist: [/^\/api\//, /^\/live\//],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
  devOptions: { enabled: false },
});

export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: readPathAliases() },
  plugins: [react(), pwa],
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Framework code changes less often than ours: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // The video stage's LiveKit SDK and what only it uses: loaded with the stage room, never up front.
            {
              name: 'livekit',
              test: /node_modules[\\/](livekit-client|@livekit|@bufbuild|@floating-ui|rxjs|jose|loglevel|machina|sdp-transform|webrtc-adapter|sdp|usehooks-ts|typed-emitter|events|tslib|clsx)[\\/]/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  // The libraries live outside the app root: let the dev server read them.
  server: { ...server, fs: { allow: [workspaceRoot] } },
  // What `npm start` serves: the production CSP and security headers (the dev server's hot reload needs inline
  // scripts, so it has none). LIVEKIT_URL is the same variable the api reads.
  preview: { ...server, headers: webSecurityHeaders(process.env['LIVEKIT_URL'] ?? 'ws://localhost:7880') },
});
