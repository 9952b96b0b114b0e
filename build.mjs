// Builds the Node-side bundles with esbuild; the renderer is built by Vite (renderer/vite.config.ts).
// One CommonJS file per entry: the sandboxed preload can only require('electron'), and a single-file CLI
// starts faster than one that resolves dozens of modules.
import { build, context } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `--watch` (npm run dev): rebuild each bundle as its sources change, until interrupted.
const watch = process.argv.includes('--watch');
const bundle = async (options) => {
  if (!watch) return build(options);
  const ctx = await context(options);
  await ctx.watch();
};

// `--icons <folder>`: only the brand icons (scripts/build-icons.ts), into a built renderer. Vite's build calls
// this once it has written its output (renderer/vite.config.mts): it empties that folder first, and its config
// loader would warn about TypeScript modules imported from outside the config.
const iconsAt = process.argv.indexOf('--icons');
if (iconsAt !== -1) {
  const out = process.argv[iconsAt + 1];
  if (!out) throw new Error('--icons needs the built renderer folder');
  const built = await build({
    entryPoints: ['scripts/build-icons.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const { writeIcons } = await import(
    `data:text/javascript;base64,${Buffer.from(built.outputFiles[0].contents).toString('base64')}`
  );
  writeIcons(out, fileURLToPath(new URL('./node_modules/simple-icons', import.meta.url)));
  process.exit(0);
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // keytar is a native addon and electron is provided at run time; neither can be bundled.
  external: ['electron', 'keytar'],
  define: { KEYFOB_VERSION: JSON.stringify(pkg.version) },
  // import() of a CommonJS file goes through Node's ESM loader, which first scans the whole file for its export
  // names (cjs-module-lexer: ~85 ms on the AWS SDK bundle), and code compiled through node:vm (the CLI's code
  // cache) cannot use it at all: require() everywhere.
  supported: { 'dynamic-import': false },
};

// The QR decoder (jsqr, pngjs, jpeg-js) and the Cognito engine (the AWS SDK) are most of the CLI's code, but
// only `add --image`/`scan` and the Cognito commands use them: each gets a file of its own, loaded on demand,
// so `keyfob code` parses a small fraction of the JavaScript at start.
const qrOnDemand = {
  name: 'qr-on-demand',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(qr|cognito)$/ }, (args) => ({
      path: `./${args.path.slice(3)}.js`,
      external: true,
    }));
  },
};

await Promise.all([
  // `keyfob` is a small launcher that turns on Node's compile cache before it loads the command line itself.
  bundle({
    ...common,
    entryPoints: ['main/cli/launch.ts'],
    outfile: 'dist/cli/keyfob.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { ...common.define, KEYFOB_CLI_MAIN: JSON.stringify('keyfob-main.js') },
  }),
  bundle({
    ...common,
    entryPoints: ['main/cli/keyfob.ts'],
    outfile: 'dist/cli/keyfob-main.js',
    plugins: [qrOnDemand],
  }),
  bundle({ ...common, entryPoints: ['main/qr/index.ts'], outfile: 'dist/cli/qr.js' }),
  bundle({
    ...common,
    entryPoints: ['main/cognito/index.ts'],
    outfile: 'dist/cli/cognito.js',
    // The SDK's ES modules let esbuild drop the ~100 commands Keyfob never sends; its CommonJS build does not.
    mainFields: ['module', 'main'],
    minify: true,
  }),
  bundle({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'dist/main/app.js' }),
  // The app decodes QR codes on a worker thread (main/qr/off-thread.ts), which loads this file next to app.js.
  bundle({ ...common, entryPoints: ['main/qr/worker.ts'], outfile: 'dist/main/qr-worker.js' }),
  bundle({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.js',
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
  }),
]);
