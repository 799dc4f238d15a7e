/**
 * The part of an error answer's body a message may quote: only fields whose shape is known and
 * cannot carry what was sent. Jira's `errorMessages` and Asana's `message` are free text that
 * may repeat a request value (or, behind a misbehaving proxy, a header), so they are left out.
 */

/** Asana's server-error phrase, "6 sad squid snuggle softly": generated, and what Asana support asks for. */
const asanaPhrase = /^[0-9]{1,3}(?: [a-z]{2,16}){3,6}$/;

export function vendorReason(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  const phrase = Array.isArray(errors) ? (errors[0] as { phrase?: unknown } | null)?.phrase : undefined;
  return typeof phrase === 'string' && asanaPhrase.test(phrase) ? `error phrase "${phrase}"` : undefined;
}
