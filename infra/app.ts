import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ensureDashboardBuilt } from '#infra/local/dashboard-build.ts';
import { deploySettings } from '#infra/settings.ts';
import { ServiceIndexStack } from '#infra/stack.ts';

/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`): one stack that serves
 * every province, from the settings in CDK context (infra/settings.ts). The dashboard is
 * built first when its files are missing or stale. cdk-nag's AwsSolutions
 * checks run on every synth and stop it on any finding not acknowledged.
 */
const app = new App();
const settings = deploySettings((name) => app.node.tryGetContext(name));

new ServiceIndexStack(app, settings.stackName, {
  ...settings,
  dashboardDir: await ensureDashboardBuilt(),
  // the region from context, not the shell's: the CLI would otherwise take the profile's (or us-east-1)
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
  description: `Citizen-service index rankings (daily pull and alarms for provinces ${settings.provinces.join(', ')})`,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
