#!/usr/bin/env node
// The published entry: runs the compiled CLI (npm run build writes dist/).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli/main.js')) throw e;
  process.stderr.write(
    'photoreel: the CLI is not built yet: run `npm run build` (or `npm run demo` once) in the checkout.\n',
  );
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
