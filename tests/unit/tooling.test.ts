// Tests and benchmarks run on the Lambda runtime's major (nodejs24.x), from the registry's node@24 package.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { projectNode } from '../../scripts/lib/tooling.js';

it('runs on Node 24, the Lambda runtime major', () => {
  expect(process.versions.node.split('.')[0]).toBe('24');
  expect(execFileSync(projectNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.')[0]).toBe(
    '24',
  );
});
