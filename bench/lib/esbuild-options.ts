// The esbuild options the CDK TenantStack uses for every function (infra/constructs/tenant-function.ts,
// NodejsFunction `bundling`). infra does not export them as an object yet, so they are mirrored here and a test-free
// check in bench/bundles.ts reads tenant-function.ts to warn if the two drift apart.
import type { BuildOptions } from 'esbuild';

export const LAMBDA_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const LAMBDA_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: false,
  // externalModules: [] in the construct: the AWS SDK is bundled, not taken from the runtime.
  external: [],
  banner: { js: LAMBDA_BANNER },
  metafile: true,
  logLevel: 'silent',
};

/** The literal settings bench/bundles.ts expects to find in the construct (drift check). */
export const EXPECTED_IN_CONSTRUCT = [
  'format: OutputFormat.ESM',
  "target: 'node24'",
  'minify: true',
  'sourceMap: false',
  'externalModules: []',
  LAMBDA_BANNER,
];
