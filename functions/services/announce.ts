import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from '#core/zod.ts';
import { errorFields, log } from '#functions/commons/logger.ts';
import { type BriefingMessage, briefingFor, isFresh } from '#functions/services/briefing.ts';
import {
  deliverWithRetry,
  describeTarget,
  parseSubscriptions,
  type Subscriptions,
} from '#functions/services/briefing-delivery.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * Announcing a province's morning briefing once its rankings of a new day are
 * ready: after a recompute of its records, after the portal's figures are
 * written. An announcer never throws and never holds the ingestion up: a
 * briefing that cannot be built or sent is logged (and on AWS retried, then
 * kept in the briefing queue's dead-letter queue), while the data is in.
 */
export type Announcer = (province: string) => Promise<void>;

/** An announcer that only logs what went wrong: whatever happens, the caller goes on. */
export function safely(announce: Announcer): Announcer {
  return async (province) => {
    try {
      await announce(province);
    } catch (error) {
      log.error('briefing not announced', { province, ...errorFields(error) });
    }
  };
}

/** Nowhere to announce: a platform without briefings (the tests' own). */
export const silentAnnouncer: Announcer = async () => {};

/** A message on the briefing queue: build the province's briefing, or send a built one to one target. */
export const BriefingQueueMessage = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('briefing'), province: z.string().check(z.regex(/^\d{2}$/)) }),
  z.strictObject({
    kind: z.literal('send'),
    province: z.string().check(z.regex(/^\d{2}$/)),
    day: z.iso.date(),
    /** "email" for the SNS topic, else the target's place in the province's subscriptions */
    target: z.union([z.literal('email'), z.int().check(z.nonnegative())]),
    /** the target's kind and where it goes, without its secret: for logs and for a person reading the dead letters */
    to: z.string(),
    message: z.object({ briefing: z.any(), text: z.object({ vi: z.string(), en: z.string() }) }),
  }),
]);
export type BriefingQueueMessage = z.infer<typeof BriefingQueueMessage>;

/** AWS: a message on the briefing queue; the briefing function builds, claims and sends. */
export function queuedAnnouncer(sqs: SQSClient, queueUrl: string): Announcer {
  return async (province) => {
    const message: BriefingQueueMessage = { kind: 'briefing', province };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  };
}

/**
 * Builds the province's briefing of its latest day if it is fresh and not
 * announced yet, and claims the day: the briefing, or undefined when there is
 * nothing to announce.
 */
export async function claimFreshBriefing(store: Store, province: string, now = new Date()) {
  const message = await briefingFor(store, province);
  if (!message || !isFresh(message.briefing.day, now)) return undefined;
  if (!(await store.claimBriefing(province, message.briefing.day, now.toISOString()))) return undefined;
  return message;
}

export interface LocalBriefings {
  store: Store;
  /** the folder: <province>-<day>.vi.txt, .en.txt and .json; undelivered/ for what could not be sent */
  dir: string;
  /** the subscriptions file, when there is one */
  subscriptionsFile?: string | undefined;
  /** where the Vietnamese text is shown: the terminal */
  print?: (text: string) => void;
  retry?: { attempts?: number; delayMs?: number };
}

/** Writes a briefing's files: its text in both languages and its figures. */
export async function writeBriefingFiles(dir: string, message: BriefingMessage): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = join(dir, `${message.briefing.province}-${message.briefing.day}`);
  await writeFile(`${base}.vi.txt`, `${message.text.vi}\n`);
  await writeFile(`${base}.en.txt`, `${message.text.en}\n`);
  await writeFile(`${base}.json`, `${JSON.stringify(message.briefing, null, 2)}\n`);
  return base;
}

async function localSubscriptions(file: string | undefined): Promise<Subscriptions> {
  if (!file || !existsSync(file)) return {};
  return parseSubscriptions(await readFile(file, 'utf8'), file);
}

/**
 * One machine: the briefing on the terminal and in DATA_DIR/briefings/, and to
 * each target of DATA_DIR/subscriptions.json, with retries; a target that
 * still fails gets its message kept in briefings/undelivered/.
 */
export function localAnnouncer(options: LocalBriefings): Announcer {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  return async (province) => {
    const message = await claimFreshBriefing(options.store, province);
    if (!message) return;
    const base = await writeBriefingFiles(options.dir, message);
    print(`\n${message.text.vi}\n(${base}.vi.txt, .en.txt, .json)\n`);
    const targets = (await localSubscriptions(options.subscriptionsFile))[province] ?? [];
    for (const [k, target] of targets.entries()) {
      try {
        await deliverWithRetry(target, message, options.retry);
        log.info('briefing delivered', { province, day: message.briefing.day, to: describeTarget(target) });
      } catch (error) {
        const kept = join(options.dir, 'undelivered', `${province}-${message.briefing.day}-${k}.json`);
        await mkdir(join(options.dir, 'undelivered'), { recursive: true });
        await writeFile(
          kept,
          JSON.stringify({ to: describeTarget(target), error: String(error), message }, null, 2),
        );
        log.error('briefing not delivered', {
          province,
          to: describeTarget(target),
          kept,
          ...errorFields(error),
        });
      }
    }
  };
}
