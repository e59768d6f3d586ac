import { SQSClient } from '@aws-sdk/client-sqs';
import { config } from '#functions/commons/config.ts';
import {
  type Announcer,
  localAnnouncer,
  queuedAnnouncer,
  safely,
  silentAnnouncer,
} from '#functions/services/announce.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * The process's announcer of morning briefings, from the configuration: on
 * AWS a message on the briefing queue (awaited: it is one SQS call); on one
 * machine the briefing built, written and sent in the background, so that
 * an ingestion's answer never waits for a webhook; elsewhere none.
 */
let built: Announcer | undefined;

export function announcer(store: Store): Announcer {
  if (built) return built;
  const c = config();
  const b = c.briefings;
  if (b.queueUrl) built = safely(queuedAnnouncer(new SQSClient({ region: c.region }), b.queueUrl));
  else if (b.dir) {
    const local = safely(localAnnouncer({ store, dir: b.dir, subscriptionsFile: b.subscriptionsFile }));
    built = async (province) => {
      void local(province);
    };
  } else built = silentAnnouncer;
  return built;
}
