const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');
const { optimize } = require('webpack');

module.exports = {
  mode: 'production',
  output: { path: join(__dirname, '../../dist/apps/api'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
    // main.ts loads the application with import() so a cluster primary never evaluates it; keep one main.js anyway.
    new optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
  ],
};
