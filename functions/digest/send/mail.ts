import type { SESv2Client, SESv2ClientConfig } from '@aws-sdk/client-sesv2';

/** One e-mail: an HTML part and its plain-text twin, to every address in `to`. */
export interface Mail {
  from: string;
  to: readonly string[];
  subject: string;
  html: string;
  text: string;
}

/** Sends one mail (with SES: one SendEmail call); throws when it was not accepted. */
export interface MailSender {
  send(mail: Mail): Promise<void>;
}

export interface SesOptions {
  /** The AWS region of the verified sender; the SDK's own resolution (AWS_REGION, profile) when absent. */
  region?: string;
  /** Another SES v2 endpoint than AWS's, e.g. the local stand-in (demo/servers/ses-server.ts). */
  endpoint?: string;
  /** Credentials other than the SDK's default chain. */
  credentials?: SESv2ClientConfig['credentials'];
}

/** The mail was refused: SES's error name (`MessageRejected`, `NotFoundException`, …) and message. */
export class MailError extends Error {
  override name = 'MailError';
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const isMailError = (error: unknown): error is MailError => error instanceof MailError;

/**
 * A MailSender over the SES v2 API: one SendEmail per mail with Simple content (subject, HTML and
 * text bodies in UTF-8), so SES builds the MIME multipart/alternative message itself. The SDK
 * retries throttling and server errors; what is left is thrown as a MailError. The SDK is loaded at
 * the first mail, not at import: the alerts run usually sends nothing, and loading the client at
 * init made the digest function's cold start about twice publish's.
 */
export function sesMailSender(options: SesOptions = {}): MailSender {
  let sdk: Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }> | undefined;
  const loaded = () =>
    (sdk ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({
      client: new SESv2Client({
        ...(options.region ? { region: options.region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
      SendEmailCommand,
    })));
  return {
    async send(mail) {
      const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
      try {
        const { client, SendEmailCommand } = await loaded();
        await client.send(
          new SendEmailCommand({
            FromEmailAddress: mail.from,
            Destination: { ToAddresses: [...mail.to] },
            Content: { Simple: { Subject: utf8(mail.subject), Body: { Html: utf8(mail.html), Text: utf8(mail.text) } } },
          }),
        );
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        throw new MailError(name, `SES refused the mail (${name}): ${message}`, { cause: error });
      }
    },
  };
}
