// The esbuild options every Lambda is bundled with, derived from the CDK construct's own settings
// (infra/constructs/tenant-function.ts, LAMBDA_BUNDLING), so the benchmarks measure exactly what is deployed.
import type { BuildOptions } from 'esbuild';
import { LAMBDA_BUNDLING } from '../../infra/constructs/tenant-function.js';

export const LAMBDA_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: LAMBDA_BUNDLING.format, // 'esm'
  target: LAMBDA_BUNDLING.target,
  mainFields: [...LAMBDA_BUNDLING.mainFields],
  minify: LAMBDA_BUNDLING.minify,
  sourcemap: LAMBDA_BUNDLING.sourceMap,
  external: [...LAMBDA_BUNDLING.externalModules],
  banner: { js: LAMBDA_BUNDLING.banner },
  metafile: true,
  logLevel: 'silent',
};
