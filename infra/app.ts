import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { registry } from '#core/registry/registry.ts';
import { ensureDashboardBuilt } from '#infra/local/dashboard-build.ts';

import { ServiceIndexStack } from '#infra/stack.ts';

/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`). Settings come from CDK
 * context (cdk.json or `-c name=value`): province (default 82, Đồng Tháp),
 * sourceUrl (default none: the daily pull waits, disabled), alarmEmail
 * (default none: the alarm topic has no subscriber), corsOrigins (default
 * none). The AwsSolutions checks of cdk-nag run on every synth.
 */
const app = new App();
const context = (name: string, fallback: string) => String(app.node.tryGetContext(name) ?? fallback);
const province = context('province', '82');
registry.requireProvince(province);

new ServiceIndexStack(app, context('stackName', `ServiceIndex-${province}`), {
  province,
  sourceUrl: context('sourceUrl', ''),
  alarmEmail: context('alarmEmail', ''),
  corsOrigins: context('corsOrigins', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  dashboardDir: await ensureDashboardBuilt(),
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1',
  },
  description: `Citizen-service index rankings for province ${province}`,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
