import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stand-ins for SNS (Publish, in its query protocol) and Secrets Manager
 * (GetSecretValue, in AWS JSON 1.1), for the briefing function: the real SDK
 * clients reach them through AWS_ENDPOINT_URL_SNS and
 * AWS_ENDPOINT_URL_SECRETS_MANAGER. The test sets the secret and reads what
 * was published.
 */
export interface Published {
  TopicArn: string;
  Subject: string;
  Message: string;
  province: string;
}

export interface SnsSecretsStandIn {
  endpoint: string;
  /** the secret's value by ARN */
  secrets: Map<string, string>;
  published: Published[];
  /** how many times each secret was read */
  reads: number;
  close(): Promise<void>;
}

export async function startSnsSecretsStandIn(): Promise<SnsSecretsStandIn> {
  const state = { secrets: new Map<string, string>(), published: [] as Published[], reads: 0 };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target === 'secretsmanager.GetSecretValue') {
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      const value = state.secrets.get(SecretId);
      state.reads++;
      res.writeHead(value === undefined ? 400 : 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify(
          value === undefined
            ? { __type: 'ResourceNotFoundException', message: `no secret ${SecretId}` }
            : { ARN: SecretId, Name: 'subscriptions', SecretString: value },
        ),
      );
      return;
    }
    const form = new URLSearchParams(body);
    if (form.get('Action') === 'Publish') {
      const attribute = [...form.entries()].find(([k, v]) => k.endsWith('.Name') && v === 'province');
      const prefix = attribute?.[0].replace(/\.Name$/, '');
      state.published.push({
        TopicArn: form.get('TopicArn') ?? '',
        Subject: form.get('Subject') ?? '',
        Message: form.get('Message') ?? '',
        province: (prefix && form.get(`${prefix}.Value.StringValue`)) || '',
      });
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>p${state.published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`,
      );
      return;
    }
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`unsupported: ${target || form.get('Action')}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get secrets() {
      return state.secrets;
    },
    get published() {
      return state.published;
    },
    get reads() {
      return state.reads;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
