import { sourceMappedStack } from '#functions/commons/stack.ts';

/**
 * Structured JSON logs, one line each, with the province, unit, submission
 * and period as keys. Outcomes and counts, never payloads or tokens.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** LOG_LEVEL is read at each line, so that a process (or a test) can change it as it runs. */
const threshold = () => ORDER[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? ORDER.info;

function write(level: Level, message: string, fields: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('debug', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
};

/** The fields that describe a caught error in a log line: its name, message and stack (with our source files). */
export function errorFields(error: unknown): { error: string; detail: string; stack?: string } {
  if (!(error instanceof Error)) return { error: 'Error', detail: String(error) };
  return {
    error: error.name,
    detail: error.message,
    ...(error.stack ? { stack: sourceMappedStack(error.stack) } : {}),
  };
}
