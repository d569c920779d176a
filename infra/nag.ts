// cdk-nag wiring and the one way to acknowledge a finding: on a specific construct, with a written reason.
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export function addNagPacks(app: App) {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}

/** Acknowledges one cdk-nag finding (full id, e.g. "AwsSolutions-IAM5[Resource::*]") on one construct. */
export function acknowledge(scope: IConstruct, id: string, reason: string) {
  Validations.of(scope).acknowledge({ id, reason });
}
