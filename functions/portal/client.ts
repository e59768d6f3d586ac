import { type Day, todayInVietnam } from '#core/periods/calendar.ts';
import {
  ENDPOINTS,
  type Endpoint,
  type PortalPeriod,
  type RawAnswer,
  requestBody,
} from '#core/portal/answers.ts';
import { newBundle, type PortalBundle } from '#core/portal/bundle.ts';
import type { PortalProvince } from '#core/portal/provinces.ts';

/**
 * The national portal's evaluation API as a client (docs/portal.md): the
 * seven endpoints for one province and period, one request at a time with a
 * pause between them, each retried on 403, 429, 5xx, timeouts and reset
 * connections with exponential backoff and full jitter. It returns the
 * answers as received, unread: the caller archives them before anything
 * parses them.
 */

export const PORTAL_URL = 'https://dichvucong.gov.vn/api/v1/reporting/evaluation';

export interface PortalClientOptions {
  /** the evaluation API's base: {baseUrl}/{endpoint} */
  baseUrl?: string;
  /** pause between two requests of a province, ms (a polite rate) */
  pauseMs?: number;
  /** one request's time limit, ms */
  timeoutMs?: number;
  /** tries per endpoint before giving up */
  attempts?: number;
  /** first backoff ceiling, ms; doubles each try up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  userAgent?: string;
  /** injectable for tests */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/** The portal stayed unreachable for an endpoint after every try: nothing of the pull was stored. */
export class PortalUnreachableError extends Error {
  override name = 'PortalUnreachableError';
  constructor(
    readonly endpoint: Endpoint,
    readonly attempts: number,
    readonly last: string,
    options?: ErrorOptions,
  ) {
    super(
      `the national portal did not answer ${endpoint} after ${attempts} tries (last: ${last}); nothing of this pull was stored`,
      options,
    );
  }
}

/** What is worth trying again: the portal refusing or failing for a while, or the network between. */
const RETRY_STATUS = (status: number) => status === 403 || status === 429 || status >= 500;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

export class PortalClient {
  readonly baseUrl: string;
  readonly #o: Required<Omit<PortalClientOptions, 'baseUrl'>>;

  constructor(options: PortalClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? PORTAL_URL).replace(/\/+$/, '');
    this.#o = {
      pauseMs: options.pauseMs ?? 1_000,
      timeoutMs: options.timeoutMs ?? 45_000,
      attempts: options.attempts ?? 5,
      baseDelayMs: options.baseDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      userAgent:
        options.userAgent ?? 'service-index (citizen-service index rankings; +https://dichvucong.gov.vn)',
      fetch: options.fetch ?? fetch,
      sleep: options.sleep ?? wait,
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
    };
  }

  /** One endpoint, tried until it answers or the tries run out. */
  async #call(endpoint: Endpoint, body: Record<string, unknown>): Promise<RawAnswer> {
    const o = this.#o;
    let last = '';
    for (let attempt = 0; attempt < o.attempts; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const answer = await o.fetch(`${this.baseUrl}/${endpoint}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            referer: 'https://dichvucong.gov.vn/danh-gia-chat-luong-phuc-vu',
            'user-agent': o.userAgent,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        // the whole body, or a reset part-way through it counts as no answer
        const text = await answer.text();
        if (!RETRY_STATUS(answer.status)) {
          return {
            endpoint,
            request: body,
            status: answer.status,
            receivedAt: o.now().toISOString(),
            body: text,
          };
        }
        last = `HTTP ${answer.status}`;
        const after = Number(answer.headers.get('retry-after'));
        if (Number.isFinite(after) && after > 0) retryAfterMs = Math.min(after * 1000, o.maxDelayMs);
      } catch (error) {
        last = describe(error);
      }
      if (attempt + 1 < o.attempts) {
        // exponential backoff with full jitter, or what the portal asked for
        const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt);
        await o.sleep(retryAfterMs ?? Math.floor(o.random() * ceiling));
      }
    }
    throw new PortalUnreachableError(endpoint, o.attempts, last);
  }

  /** The seven answers of a province for a period, one request at a time. */
  async fetchPeriod(province: PortalProvince, period: PortalPeriod): Promise<RawAnswer[]> {
    const body = requestBody(province.rootDepartmentId, period);
    const answers: RawAnswer[] = [];
    for (const endpoint of ENDPOINTS) {
      if (answers.length) await this.#o.sleep(this.#o.pauseMs);
      answers.push(await this.#call(endpoint, body));
    }
    return answers;
  }

  /** The national list of the 34 provinces for a period: service-results without a province. */
  async fetchNational(period: PortalPeriod): Promise<RawAnswer> {
    const { rootDepartmentId: _none, ...body } = requestBody('', period);
    return this.#call('service-results', { ...body, departmentType: 'ADMINISTRATIVE_UNIT' });
  }

  /** Every period's answers for a province, as one bundle observed today (Vietnam). */
  async fetchBundle(
    province: PortalProvince,
    periods: readonly PortalPeriod[],
    fetchedBy: string,
    observedOn: Day = todayInVietnam(this.#o.now()),
  ): Promise<PortalBundle> {
    const bundle = newBundle(province.code, observedOn, this.#o.now().toISOString(), fetchedBy);
    for (const [k, period] of periods.entries()) {
      if (k > 0) await this.#o.sleep(this.#o.pauseMs);
      bundle.periods.push({ period, answers: await this.fetchPeriod(province, period) });
    }
    return bundle;
  }
}

/** A number setting of the environment, or its default; a setting that is not a number above 0 fails loudly. */
function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number >= 0, not "${process.env[name]}"`);
  return value;
}

/**
 * The client as the environment configures it: PORTAL_URL (the evaluation
 * API's base), PORTAL_PAUSE_MS between requests, PORTAL_TIMEOUT_MS per request,
 * PORTAL_ATTEMPTS per endpoint, PORTAL_BACKOFF_MS (the first backoff ceiling).
 */
export function portalClientFromEnvironment(overrides: PortalClientOptions = {}): PortalClient {
  return new PortalClient({
    baseUrl: process.env.PORTAL_URL || PORTAL_URL,
    pauseMs: setting('PORTAL_PAUSE_MS', 1_000),
    timeoutMs: setting('PORTAL_TIMEOUT_MS', 45_000),
    attempts: Math.max(1, setting('PORTAL_ATTEMPTS', 5)),
    baseDelayMs: setting('PORTAL_BACKOFF_MS', 2_000),
    ...overrides,
  });
}
