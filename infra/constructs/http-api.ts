import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ROUTES } from '#functions/api/routes.ts';
import type { Data } from '#infra/constructs/data.ts';
import { Part } from '#infra/constructs/part.ts';
import { ServiceFunction } from '#infra/constructs/service-function.ts';

/** Requests per second the HTTP API takes, in all and for ingestion. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;
export const INGEST_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

export interface HttpApiPartProps {
  data: Data;
  /** the function behind POST /api/ingest (the ingestion part's) */
  ingest: ServiceFunction;
  /** browser origins other than the site itself that may call the API */
  corsOrigins: string[];
  /** the province the dashboard opens on */
  defaultProvince: string;
}

/**
 * The HTTP API: the read function, which only reads the table, and every
 * route of the route table (functions/api/routes.ts) the local platform
 * serves too, throttled per stage and harder for ingestion, every request logged.
 */
export class HttpApiPart extends Part {
  readonly httpApi: apigw.HttpApi;
  readonly api: ServiceFunction;

  constructor(scope: Construct, id: string, props: HttpApiPartProps) {
    super(scope, id);
    this.api = props.data.grantTable(
      new ServiceFunction(this, 'ApiFunction', {
        name: 'api',
        description: 'The read API: rankings, histories, comparisons, methodology',
        memorySize: 1024,
        timeout: Duration.seconds(10),
        environment: {
          TABLE_NAME: props.data.table.tableName,
          READ_CACHE_SECONDS: '5',
          CORS_ORIGINS: props.corsOrigins.join(','),
          // the dashboard opens on the deployment's first province
          DEFAULT_PROVINCE: props.defaultProvince,
        },
      }),
      'read',
    );

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Service index API (reads and ingestion)',
      createDefaultStage: false,
    });
    const apiLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(apiLogs),
        format: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });
    const integrations = {
      api: new HttpLambdaIntegration('ApiIntegration', this.api.function),
      ingest: new HttpLambdaIntegration('IngestIntegration', props.ingest.function),
    };
    // the same route table the local platform serves
    for (const route of ROUTES) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrations[route.function],
      });
    }
    // any other path under /api gets the API's own problem+json 404; a browser's preflight (OPTIONS) is
    // answered by the read API for every path, with the methods of the route table
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.OPTIONS],
      integration: integrations.api,
    });
    (stage.node.defaultChild as apigw.CfnStage).addPropertyOverride('RouteSettings', {
      'POST /api/ingest': {
        ThrottlingRateLimit: INGEST_THROTTLE.rateLimit,
        ThrottlingBurstLimit: INGEST_THROTTLE.burstLimit,
      },
    });
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Reads are public by design (the national portal publishes the same rankings); POST /api/ingest checks a bearer token in the function itself: hashed at rest, scoped to a province and optionally to units',
    });
  }
}
