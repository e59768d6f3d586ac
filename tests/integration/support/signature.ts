import type { IncomingMessage } from 'node:http';

/** Who signed a request (Signature Version 4), as a stand-in for an AWS service sees it. */
export interface Signature {
  /** the access key id the request was signed with */
  accessKeyId: string | undefined;
  /** the session token sent with it (temporary credentials, as a Lambda role's) */
  sessionToken: string | undefined;
}

export function signatureOf(req: IncomingMessage): Signature {
  const authorization = String(req.headers.authorization ?? '');
  const token = req.headers['x-amz-security-token'];
  return {
    accessKeyId: /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(authorization)?.[1],
    sessionToken: typeof token === 'string' ? token : undefined,
  };
}
