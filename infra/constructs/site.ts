import { DefaultStackSynthesizer, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { DASHBOARD_CSP, SECURITY_HEADERS } from '#functions/commons/http.ts';
import { Part } from '#infra/constructs/part.ts';

export interface SiteProps {
  httpApi: apigw.HttpApi;
  /** where CloudFront and the dashboard bucket write their access logs */
  logsBucket: s3.Bucket;
  /** the built dashboard (dashboard/dist) */
  dashboardDir: string;
  /** browser origins other than the site itself that may call the API */
  corsOrigins: string[];
  /** a domain of your own for the site, with the ARN of its ACM certificate in us-east-1 */
  domain?: { name: string; certificateArn: string } | undefined;
}

/**
 * The dashboard and the API behind one CloudFront distribution: the
 * dashboard's files from a closed bucket (origin access control), the API's
 * reads kept as long as they say, ingestion and receipts never kept, strict
 * security headers on everything.
 */
export class Site extends Part {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const site = new s3.Bucket(this, 'Dashboard', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'dashboard/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const securityHeaders = (policyId: string, csp: string) =>
      new cloudfront.ResponseHeadersPolicy(this, policyId, {
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(365),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
      });
    const siteHeaders = securityHeaders('DashboardHeaders', DASHBOARD_CSP);
    const apiHeaders = securityHeaders('ApiHeaders', SECURITY_HEADERS['content-security-policy'] ?? '');
    const readCache = new cloudfront.CachePolicy(this, 'ReadCache', {
      comment:
        'API reads: kept as long as the answer says (30 s), at most 5 minutes; nothing without a max-age',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      // answers carry Access-Control-Allow-Origin for the allowed origins: one kept copy per origin
      headerBehavior: props.corsOrigins.length
        ? cloudfront.CacheHeaderBehavior.allowList('Origin')
        : cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiOrigin = new origins.HttpOrigin(
      `${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`,
      { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY },
    );
    const uncached: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    };
    this.distribution = new cloudfront.Distribution(this, 'Site', {
      comment: 'Service index dashboard and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America, Europe, Asia (Vietnam's edge locations included)
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: siteHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // ingestion and receipts: never cached, the Authorization header passed on
        '/api/ingest': uncached,
        '/api/submissions/*': uncached,
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: readCache,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          compress: true,
        },
      },
    });
    this.deployDashboard(site, props.dashboardDir);

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The rankings are public information; officials and citizens read them from abroad too, so no country is refused',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF by default: a web ACL for CloudFront must live in us-east-1 and costs more than the rest of the stack at this scale; the HTTP API throttles per stage and per route and the ingest function limits body size and rows (docs/deploy.md shows how to attach one)',
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a domain of its own the site has only the *.cloudfront.net certificate, whose TLS policy CloudFront fixes; with the domainName and certificateArn context the stack requires TLS 1.2 (TLSv1.2_2021)',
      });
    }
  }

  /**
   * The built dashboard into its bucket: the hashed assets first, kept by
   * browsers and CloudFront for a year, then index.html, always revalidated,
   * and CloudFront told to drop its copy. The copying function runs with a
   * role of ours that names each action it may take, instead of the wildcard
   * grants CDK would give it.
   */
  private deployDashboard(site: s3.Bucket, dir: string): void {
    const stack = Stack.of(this);
    const logGroup = new logs.LogGroup(this, 'DashboardDeployLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'DashboardDeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built dashboard into its bucket and invalidates CloudFront',
    });
    const assets = Fn.sub(
      DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CDK's own placeholder in the bucket name, not JavaScript's
        '${Qualifier}',
        DefaultStackSynthesizer.DEFAULT_QUALIFIER,
      ),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [`arn:${stack.partition}:s3:::${assets}/*`],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [site.bucketArn] }));
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [site.arnForObjects('*')],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [
          `arn:${stack.partition}:cloudfront::${stack.account}:distribution/${this.distribution.distributionId}`,
        ],
      }),
    );
    // CDK's own grants would add wildcard actions: this role is used as it is
    const deployRole = role.withoutPolicyUpdates();
    const common = {
      destinationBucket: site,
      role: deployRole,
      logGroup,
      memoryLimit: 512,
    };
    const assetsDeployment = new s3deploy.BucketDeployment(this, 'DashboardAssets', {
      ...common,
      sources: [s3deploy.Source.asset(dir, { exclude: ['index.html'] })],
      exclude: ['index.html'],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    const page = new s3deploy.BucketDeployment(this, 'DashboardPage', {
      ...common,
      sources: [s3deploy.Source.asset(dir, { exclude: ['*', '!index.html'] })],
      exclude: ['*'],
      include: ['index.html'],
      cacheControl: [s3deploy.CacheControl.fromString('no-cache')],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html'],
    });
    page.node.addDependency(assetsDeployment);

    // a literal ("aws") where the region is known, as cdk-nag prints it
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]`,
      reason:
        "Reads the dashboard's zip from CDK's asset bucket, whose object key is a content hash known only at deploy time",
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(site.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      reason:
        "Writes and prunes the dashboard's own files, whose names carry content hashes, in the dashboard bucket only",
    });
    // CDK keeps the copying function once per stack, outside this part; it runs with the role above
    const copier = stack.node.children.find((c) => c instanceof lambda.Function && c.role === deployRole);
    if (copier) {
      Validations.of(copier).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "CDK's own dashboard copier, whose runtime CDK chooses with its version; it runs only during a deploy",
      });
    }
  }
}
