import { AsyncLocalStorage } from 'node:async_hooks';
import { sourceMappedStack } from '#functions/commons/stack.ts';

/**
 * Structured JSON logs, one line each, with the province, unit, submission
 * and period as keys. Outcomes and counts, never payloads or tokens. Inside a
 * Lambda invocation (lambdaHandler) each line also carries the keys
 * Powertools for AWS Lambda writes: the request id, the function, whether
 * this was the environment's cold start, the X-Ray trace; so CloudWatch Logs
 * Insights queries written for Powertools work here too.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** LOG_LEVEL is read at each line, so that a process (or a test) can change it as it runs. */
const threshold = () => ORDER[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? ORDER.info;

/** The invocation a line belongs to, in Powertools' key names. */
export interface InvocationFields {
  function_request_id: string;
  function_name: string;
  cold_start: boolean;
  xray_trace_id?: string | undefined;
}

const invocation = new AsyncLocalStorage<InvocationFields>();

function write(level: Level, message: string, fields: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({
    level,
    message,
    timestamp: new Date().toISOString(),
    service: 'service-index',
    ...invocation.getStore(),
    ...fields,
  });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('debug', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
};

/** The invocation being served, if any. */
export const currentInvocation = (): InvocationFields | undefined => invocation.getStore();

/** What a Lambda handler is given beside its event (the fields of aws-lambda's Context this reads). */
export interface LambdaContextLike {
  awsRequestId: string;
  functionName: string;
}

let coldStart = true;

/**
 * Wraps a Lambda handler so that every log line of its invocation carries the
 * invocation's fields. The first invocation of an environment is its cold start.
 */
export function lambdaHandler<E, R>(
  handler: (event: E) => Promise<R>,
): (event: E, context?: LambdaContextLike) => Promise<R> {
  return (event, context) => {
    if (!context) return handler(event);
    const fields: InvocationFields = {
      function_request_id: context.awsRequestId,
      function_name: context.functionName,
      cold_start: coldStart,
      xray_trace_id: process.env._X_AMZN_TRACE_ID?.match(/Root=([^;]+)/)?.[1],
    };
    coldStart = false;
    return invocation.run(fields, () => handler(event));
  };
}

/** The fields that describe a caught error in a log line: its name, message and stack (with our source files). */
export function errorFields(error: unknown): { error: string; detail: string; stack?: string } {
  if (!(error instanceof Error)) return { error: 'Error', detail: String(error) };
  return {
    error: error.name,
    detail: error.message,
    ...(error.stack ? { stack: sourceMappedStack(error.stack) } : {}),
  };
}
