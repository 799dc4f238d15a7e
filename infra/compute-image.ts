import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Names, Stage } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { buildSync } from 'esbuild';
import type { Construct } from 'constructs';
import { bundling } from './defaults.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The container's entry: the compute Lambda's handler, run once from the environment. */
export const computeTaskEntry = join(repoRoot, 'functions', 'handlers', 'compute-task.ts');
const dockerfile = join(repoRoot, 'infra', 'compute-image', 'Dockerfile');

/**
 * The compute entry bundled as the Lambdas are (defaults.ts `bundling`), with one difference: the
 * AWS SDK is bundled, since a Node image, unlike the Lambda runtime, does not come with it.
 * dynalite stays out: only the local store loads it.
 */
export function bundleComputeTask(outdir: string): string {
  const outfile = join(outdir, 'index.mjs');
  buildSync({
    entryPoints: [computeTaskEntry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: bundling.target,
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    mainFields: bundling.mainFields,
    external: (bundling.externalModules ?? []).filter((module) => !module.startsWith('@aws-sdk/')),
    banner: { js: bundling.banner ?? '' },
    logLevel: 'error',
  });
  return outfile;
}

/**
 * The image as a Docker asset: the bundle is written at synth by local esbuild next to a copy of
 * the Dockerfile, and `fromAsset` only stages that folder into the cloud assembly. The image is
 * built and pushed at deploy (`cdk deploy`, for arm64), so synth needs no Docker engine.
 */
export function computeTaskImage(scope: Construct): ecs.ContainerImage {
  const stage = Stage.of(scope);
  if (!stage) throw new Error('the compute image needs an App to write its bundle into');
  const directory = join(stage.outdir, `image-${Names.uniqueId(scope)}`);
  mkdirSync(directory, { recursive: true });
  bundleComputeTask(directory);
  copyFileSync(dockerfile, join(directory, 'Dockerfile'));
  return ecs.ContainerImage.fromAsset(directory, { platform: Platform.LINUX_ARM64 });
}
