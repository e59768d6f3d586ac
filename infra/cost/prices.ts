/**
 * AWS list prices used by `npm run cost`, in US dollars, for US East
 * (N. Virginia), from AWS's public pricing pages as read in November 2026.
 * Asia Pacific (Singapore), the stack's default region, lists most of these
 * some 10 to 25 % higher: the estimate's arithmetic is printed so that any
 * region's prices can be put in. Always-free allowances are left out except
 * CloudFront's, which every account has.
 *
 *   https://aws.amazon.com/dynamodb/pricing/on-demand/
 *   https://aws.amazon.com/lambda/pricing/
 *   https://aws.amazon.com/api-gateway/pricing/
 *   https://aws.amazon.com/sqs/pricing/
 *   https://aws.amazon.com/s3/pricing/
 *   https://aws.amazon.com/cloudfront/pricing/
 *   https://aws.amazon.com/cloudwatch/pricing/
 */
export const PRICES = {
  source: 'AWS list prices, us-east-1, November 2026',
  /** per million write request units (on demand) */
  dynamoWritePerMillion: 0.625,
  /** per million read request units (on demand) */
  dynamoReadPerMillion: 0.125,
  /** per GB-month of table storage (Standard table class) */
  dynamoStoragePerGb: 0.25,
  /** per GB-month of continuous backup (point-in-time recovery) */
  dynamoPitrPerGb: 0.2,
  lambdaRequestsPerMillion: 0.2,
  /** per GB-second, arm64 */
  lambdaArmGbSecond: 0.0000133334,
  /** HTTP API, per million requests */
  httpApiPerMillion: 1.0,
  /** FIFO queue, per million requests */
  sqsFifoPerMillion: 0.5,
  /** S3 Standard, per GB-month */
  s3StandardPerGb: 0.023,
  /** S3 PUT, COPY, POST, LIST, per 1,000 requests */
  s3PutPer1000: 0.005,
  /** CloudFront data out to Asia, per GB, past the free terabyte */
  cloudFrontAsiaPerGb: 0.12,
  /** CloudFront's always-free data out, GB a month */
  cloudFrontFreeGb: 1000,
  /** a standard-resolution alarm, per month */
  alarmPerMonth: 0.1,
  /** CloudWatch Logs ingestion, per GB */
  logsIngestPerGb: 0.5,
} as const;
