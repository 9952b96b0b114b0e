/**
 * The HTTP face of the stand-in: AWS JSON 1.1 on `POST /` (§1). Every response carries a Date header
 * from the injected clock (clients measure clock skew from it), an x-amzn-RequestId, and for errors
 * the `{__type, message}` body plus the x-amzn-ErrorType / x-amzn-ErrorMessage headers AWS sends.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CognitoError, defaultStatus } from './errors';
import type { Body } from './params';
import { ADMIN_OPERATIONS, type CognitoService } from './service';
import { verifySigV4, type AdminCredentials } from './sigv4';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY = 1024 * 1024;

export interface RecordedCall {
  target: string;
  body: Record<string, unknown>;
  headers: Record<string, string | undefined>;
}

export interface InjectedFailure {
  name: string;
  message: string;
  status?: number;
}

/** What a request came to, for logging (the demo prints it). */
export interface ResponseInfo {
  target: string;
  status: number;
  error?: { name: string; message: string };
}

export interface ServerOptions {
  service: CognitoService;
  now: () => number;
  region: string;
  credentials: AdminCredentials;
  calls: RecordedCall[];
  /** The next injected failure for `target`, removed from the queue; undefined when none is queued. */
  takeFailure: (target: string) => InjectedFailure | undefined;
  onResponse?: (info: ResponseInfo) => void;
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new CognitoError('SerializationException', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createStandInServer(options: ServerOptions): Server {
  const { service, now, region, credentials, calls, takeFailure, onResponse } = options;

  return createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // Reaching here means a bug in the stand-in; answer like AWS's 500 so the client sees a failure.
      if (!res.headersSent) {
        send(res, now(), 500, {
          __type: 'InternalErrorException',
          message: `Stand-in failure: ${error instanceof Error ? error.message : String(error)}`,
        });
      } else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req).catch((error: unknown) => error as CognitoError);
    const time = now();
    const path = req.url ?? '/';

    const jwks = /^\/([^/]+)\/\.well-known\/jwks\.json$/.exec(path);
    if (req.method === 'GET' && jwks && service.pools.has(jwks[1] ?? '')) {
      send(res, time, 200, service.issuer.jwks(), 'application/json');
      return;
    }

    const targetHeader = req.headers['x-amz-target'];
    const target = typeof targetHeader === 'string' ? targetHeader : '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let body: Body = {};
    let parseError: CognitoError | undefined;
    if (raw instanceof CognitoError) parseError = raw;
    else if (raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Body;
        else parseError = new CognitoError('SerializationException', 'Request body must be a JSON object.');
      } catch {
        parseError = new CognitoError('SerializationException', 'Request body is not valid JSON.');
      }
    }
    calls.push({ target: operation, body, headers: flatHeaders(req) });

    const fail = (error: CognitoError) => {
      sendError(res, time, error);
      onResponse?.({
        target: operation,
        status: error.status,
        error: { name: error.name, message: error.message },
      });
    };
    const injected = takeFailure(operation);
    if (injected) {
      fail(
        new CognitoError(injected.name, injected.message, injected.status ?? defaultStatus(injected.name)),
      );
      return;
    }
    if (req.method !== 'POST' || path !== '/' || !target.startsWith(TARGET_PREFIX)) {
      fail(
        new CognitoError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`),
      );
      return;
    }
    const handler = service.handler(operation);
    if (!handler) {
      fail(
        new CognitoError(
          'UnknownOperationException',
          `Unknown operation ${operation}: not implemented by the stand-in.`,
        ),
      );
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (contentType !== CONTENT_TYPE) {
      fail(new CognitoError('SerializationException', `Content-Type must be ${CONTENT_TYPE}.`));
      return;
    }
    if (parseError) {
      fail(parseError);
      return;
    }
    try {
      if (ADMIN_OPERATIONS.has(operation)) {
        verifySigV4(
          { method: req.method, path, headers: req.headers, body: raw as Buffer },
          credentials,
          region,
        );
      }
      send(res, time, 200, handler(body, time));
      onResponse?.({ target: operation, status: 200 });
    } catch (error) {
      if (error instanceof CognitoError) fail(error);
      else throw error;
    }
  }
}

function send(
  res: ServerResponse,
  time: number,
  status: number,
  payload: unknown,
  contentType = CONTENT_TYPE,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    Date: new Date(time).toUTCString(),
    'x-amzn-RequestId': randomUUID(),
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, time: number, error: CognitoError): void {
  send(res, time, error.status, { __type: error.name, message: error.message }, CONTENT_TYPE, {
    // AWS's form is "<Name>:<namespace URL>"; clients take the part before the colon.
    'x-amzn-ErrorType': `${error.name}:`,
    // Header values must be Latin-1; every stand-in message is ASCII but guard anyway.
    'x-amzn-ErrorMessage': error.message.replace(/[^\x20-\x7e]/g, '?'),
  });
}
