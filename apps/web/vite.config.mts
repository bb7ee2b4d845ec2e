import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: readPathAliases() },
  plugins: [react()],
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
  preview: server,
});
