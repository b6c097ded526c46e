// Bundles src/index.js (GraphiQL, React, graphql-ws, at the versions package-lock.json pins) into
// dist/: one script and one stylesheet, named by their content's hash so that goalline can let
// browsers keep them for a year. goalline's build.rs embeds whatever dist/ holds.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${here}dist`;
// A stale file from an earlier build would be embedded too.
rmSync(outdir, { recursive: true, force: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { graphiql: 'src/index.js' },
  outdir,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Licence notices of the bundled packages, in a file served beside the script.
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  console.log(`${file} ${(bytes / 1024).toFixed(0)} KiB`);
}
