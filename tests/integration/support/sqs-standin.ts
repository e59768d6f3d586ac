import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Signature, signatureOf } from './signature.ts';

/**
 * A stand-in for SQS on this machine, for the calls the platform makes:
 * SendMessage and SendMessageBatch, in the AWS JSON protocol. SQS cannot run here; the real SDK
 * client sends to this server (a queue URL on its address) and the test
 * reads what it was sent, and how each request was signed.
 */
export interface SentMessage {
  QueueUrl: string;
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface SqsStandIn {
  /** a FIFO queue's URL on the stand-in */
  queueUrl: string;
  sent: SentMessage[];
  /** each request's signature, in order */
  signatures: Signature[];
  close(): Promise<void>;
}

export async function startSqsStandIn(): Promise<SqsStandIn> {
  const sent: SentMessage[] = [];
  const signatures: Signature[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    signatures.push(signatureOf(req));
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target === 'AmazonSQS.SendMessageBatch') {
      const batch = JSON.parse(Buffer.concat(chunks).toString()) as {
        QueueUrl: string;
        Entries: { Id: string; MessageBody: string }[];
      };
      for (const e of batch.Entries) sent.push({ QueueUrl: batch.QueueUrl, MessageBody: e.MessageBody });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          Successful: batch.Entries.map((e, k) => ({
            Id: e.Id,
            MessageId: `b${sent.length}-${k}`,
            MD5OfMessageBody: createHash('md5').update(e.MessageBody).digest('hex'),
          })),
          Failed: [],
        }),
      );
      return;
    }
    if (target !== 'AmazonSQS.SendMessage') {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#UnsupportedOperation', message: target }));
      return;
    }
    const request = JSON.parse(Buffer.concat(chunks).toString()) as SentMessage;
    sent.push(request);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(
      JSON.stringify({
        MessageId: `m${sent.length}`,
        MD5OfMessageBody: createHash('md5').update(request.MessageBody).digest('hex'),
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    queueUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/123456789012/recompute.fifo`,
    sent,
    signatures,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
