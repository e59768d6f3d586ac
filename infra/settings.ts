import { registry } from '#core/registry/registry.ts';
import { PORTAL_URL } from '#functions/portal/client.ts';

/**
 * The deployment's settings from CDK context (cdk.json or `-c name=value`),
 * each with its default, checked before anything is built.
 */
export interface DeploySettings {
  stackName: string;
  /** the AWS region the stack goes to (default ap-southeast-1, Singapore: the nearest to Vietnam with every service used) */
  region: string;
  /** the provinces whose daily pull runs and whose silence raises an alarm (default 82, Đồng Tháp; "all" for the 34) */
  provinces: string[];
  /** what the daily pull reads: the national portal (default) or a source of daily records at sourceUrl */
  pullSource: 'portal' | 'records';
  /** the portal's evaluation API (default its public address) */
  portalUrl: string;
  /** where a pull of daily records reads (default none: with pullSource records, the schedule waits, disabled) */
  sourceUrl: string;
  /** who gets the alarms (default none: the topic has no subscriber) */
  alarmEmail: string;
  /** other browser origins that may call the API (default none) */
  corsOrigins: string[];
  /** a table restored by point-in-time recovery, for the functions to use (default none: the stack's own) */
  restoredTableName: string | undefined;
  /** a domain of its own, with its ACM certificate in us-east-1 (default none: the *.cloudfront.net name) */
  domain: { name: string; certificateArn: string } | undefined;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function deploySettings(context: (name: string) => unknown): DeploySettings {
  const text = (name: string) => {
    const value = context(name);
    return value === undefined || value === null ? '' : String(value).trim();
  };
  // `province` (one code) is read too, for those who name a single province
  const asked = text('provinces') || text('province') || '82';
  const provinces =
    asked === 'all'
      ? registry.provinces().map((p) => p.code)
      : asked
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  for (const province of provinces) {
    if (!registry.province(province)) {
      throw new SettingsError(
        `context provinces: "${province}" is not a province code (two digits, e.g. 82)`,
      );
    }
  }
  const sourceUrl = text('sourceUrl');
  if (sourceUrl && !/^https:\/\//.test(sourceUrl)) {
    throw new SettingsError(`context sourceUrl must be an https:// address, not "${sourceUrl}"`);
  }
  // a deployment that gives only a source of records keeps pulling records, as before the portal
  const pullSource = text('pullSource') || (sourceUrl ? 'records' : 'portal');
  if (pullSource !== 'portal' && pullSource !== 'records') {
    throw new SettingsError(`context pullSource must be portal or records, not "${pullSource}"`);
  }
  const portalUrl = text('portalUrl') || PORTAL_URL;
  if (!/^https:\/\//.test(portalUrl)) {
    throw new SettingsError(`context portalUrl must be an https:// address, not "${portalUrl}"`);
  }
  const alarmEmail = text('alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new SettingsError(`context alarmEmail "${alarmEmail}" is not an e-mail address`);
  }
  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new SettingsError(
      'give the context domainName and certificateArn together (the certificate in us-east-1)',
    );
  }
  if (certificateArn && !/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\//.test(certificateArn)) {
    throw new SettingsError(
      'context certificateArn must name an ACM certificate in us-east-1, where CloudFront reads them',
    );
  }
  const region = text('region') || 'ap-southeast-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new SettingsError(`context region "${region}" is not an AWS region name (e.g. ap-southeast-1)`);
  }
  return {
    stackName: text('stackName') || 'ServiceIndex',
    region,
    provinces,
    pullSource,
    portalUrl,
    sourceUrl,
    alarmEmail,
    corsOrigins: text('corsOrigins')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    restoredTableName: text('restoredTableName') || undefined,
    domain: domainName ? { name: domainName, certificateArn } : undefined,
  };
}
