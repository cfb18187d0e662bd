// Bundles the Action and the CLI into dist/. Used by `npm run build` and by the freshness test.
import { build } from 'esbuild';
import { argv } from 'node:process';

const outdir = argv[2] ?? 'dist';
// The Genesys SDK is CommonJS and requires Node built-ins dynamically; an ESM bundle needs a real `require`.
const banner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: banner },
  legalComments: 'none',
  logLevel: 'warning',
  minify: true,
  splitting: false,
});
