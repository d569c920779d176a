// CDK entry point (cdk.json). `npx cdk synth` → PlatformStack + every tenant in tenants/;
// `npx cdk synth -c tenant=<slug>` → only that tenant's stack. Offline, deterministic, no lookups.
// Settings come from context (-c domain=… -c account=… …, see infra/settings.ts and docs/deploy.md).
import { App } from 'aws-cdk-lib';
import { buildRespite } from '../app.js';
import { loadSettings } from '../settings.js';
import { loadRetained, loadTenants } from '../tenants.js';

const app = new App();
const context = (key: string) => app.node.tryGetContext(key) as unknown;
const only = context('tenant');
buildRespite(app, {
  settings: loadSettings(context),
  tenants: loadTenants(),
  retained: loadRetained(),
  only: typeof only === 'string' ? only : undefined,
  nag: context('nag') !== 'false' && context('nag') !== false,
});
app.synth();
