import { randomUUID } from 'node:crypto';
import { listen, sendJson } from './listen.ts';

/**
 * A loopback stand-in for the Amazon SES v2 API's SendEmail (`POST /v2/email/outbound-emails`),
 * enough for `pmpulse digest --send` and `pmpulse alerts --send` to deliver against it through the
 * real AWS SDK client. It answers as SES does (REST-JSON): `{"MessageId": ...}` when the mail is
 * taken; an error as status, `x-amzn-ErrorType` header and `{"message": ...}` body, which the SDK
 * turns into its typed exception (MessageRejected, BadRequestException, NotFoundException). The
 * request's signature is not checked, only that it is signed. Every mail taken is kept in `sent`.
 */
export interface SesMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
}

export interface SesServerOptions {
  /** Identities (addresses, or `@domain` for a whole domain) verified to send from. */
  verified: readonly string[];
  /** The account is in the sandbox: recipients must be verified too, as on a new SES account. */
  sandbox?: boolean;
  /** The region named in error messages. */
  region?: string;
  /** Called with each mail taken. */
  onMail?: (mail: SesMail) => void;
}

export interface RunningSesServer {
  /** The endpoint to give the client (`--ses-endpoint`, AWS_ENDPOINT_URL_SESV2). */
  url: string;
  readonly sent: readonly SesMail[];
  /** Requests answered, refusals included. */
  readonly requests: number;
  close(): Promise<void>;
}

const SEND_PATH = '/v2/email/outbound-emails';
/** SES takes at most 50 recipients per message (To, Cc and Bcc together). */
const MAX_RECIPIENTS = 50;

class SesFault extends Error {
  readonly status: number;
  readonly type: string;
  constructor(status: number, type: string, message: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

export async function startSesServer(options: SesServerOptions): Promise<RunningSesServer> {
  const sent: SesMail[] = [];
  let requests = 0;
  const region = (options.region ?? 'us-east-1').toUpperCase();
  const isVerified = (address: string) => options.verified.some((id) => (id.startsWith('@') ? address.toLowerCase().endsWith(id.toLowerCase()) : address.toLowerCase() === id.toLowerCase()));
  const listening = await listen((incoming, body, outgoing) => {
    requests += 1;
    const requestId = randomUUID();
    try {
      const path = new URL(incoming.url ?? '/', 'http://localhost').pathname;
      if (incoming.method !== 'POST' || path !== SEND_PATH) throw new SesFault(404, 'NotFoundException', `No operation at ${incoming.method} ${path}`);
      if (!/^AWS4-HMAC-SHA256 Credential=/.test(incoming.headers.authorization ?? '')) throw new SesFault(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      const mail = parseMail(body);
      const unverified = [mail.from, ...(options.sandbox ? mail.to : [])].filter((address) => !isVerified(address));
      if (unverified.length > 0) throw new SesFault(400, 'MessageRejected', `Email address is not verified. The following identities failed the check in region ${region}: ${unverified.join(', ')}`);
      const messageId = `0100${requestId.replace(/-/g, '')}-000000`;
      sent.push({ messageId, ...mail });
      options.onMail?.(sent.at(-1)!);
      sendJson(outgoing, 200, { MessageId: messageId }, { 'x-amzn-RequestId': requestId });
    } catch (error) {
      const fault = error instanceof SesFault ? error : new SesFault(400, 'BadRequestException', String(error));
      sendJson(outgoing, fault.status, { message: fault.message }, { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': fault.type });
    }
  });
  return {
    url: listening.origin,
    sent,
    get requests() {
      return requests;
    },
    close: listening.close,
  };
}

type Json = Record<string, unknown> | undefined;
const field = (value: unknown, key: string): Json => (value && typeof value === 'object' ? ((value as Record<string, unknown>)[key] as Json) : undefined);
const text = (value: unknown): string | undefined => (typeof field(value, 'Data') === 'string' ? (field(value, 'Data') as unknown as string) : undefined);

/** The SendEmail body, Simple content only (the only kind pmpulse sends); BadRequestException otherwise. */
function parseMail(body: string): Omit<SesMail, 'messageId'> {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    throw new SesFault(400, 'BadRequestException', 'The request body is not valid JSON');
  }
  const from = field(request, 'FromEmailAddress') as unknown;
  if (typeof from !== 'string' || !from.includes('@')) throw new SesFault(400, 'BadRequestException', 'FromEmailAddress is required');
  const destination = field(request, 'Destination');
  const lists = ['ToAddresses', 'CcAddresses', 'BccAddresses'].map((key) => field(destination, key) as unknown);
  if (lists.some((list) => list !== undefined && !(Array.isArray(list) && list.every((a) => typeof a === 'string')))) throw new SesFault(400, 'BadRequestException', 'Destination addresses must be lists of strings');
  const to = (lists[0] as string[] | undefined) ?? [];
  const count = lists.reduce((sum: number, list) => sum + ((list as string[] | undefined)?.length ?? 0), 0);
  if (count === 0) throw new SesFault(400, 'BadRequestException', 'Missing final destination');
  if (count > MAX_RECIPIENTS) throw new SesFault(400, 'MessageRejected', `Recipient count exceeds ${MAX_RECIPIENTS}.`);
  const simple = field(field(request, 'Content'), 'Simple');
  if (!simple) throw new SesFault(400, 'BadRequestException', 'Content.Simple is required (this stand-in sends no Raw or Template content)');
  const subject = text(field(simple, 'Subject'));
  const html = text(field(field(simple, 'Body'), 'Html'));
  const plain = text(field(field(simple, 'Body'), 'Text'));
  if (!subject) throw new SesFault(400, 'BadRequestException', 'Content.Simple.Subject.Data is required');
  if (html === undefined && plain === undefined) throw new SesFault(400, 'BadRequestException', 'Content.Simple.Body needs Html or Text');
  return { from, to, subject, html, text: plain };
}
