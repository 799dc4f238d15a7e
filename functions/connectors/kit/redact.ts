/**
 * Blanks a source's secrets out of text bound for a message or a log line, in the forms a server
 * or a proxy may echo them: as sent, URL-encoded (either hex case, `+` for space), JSON-escaped,
 * and base64 or base64url, including inside a longer base64 text such as a Basic
 * `authorization` value (`email:token`), whatever the token's offset in it.
 */

const MASK = '***';

/** Encoded forms shorter than this are left alone: they would match ordinary text by chance. */
const minEncodedLength = 8;

function urlForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [encoded, lower, encoded.replaceAll('%20', '+'), encodeURI(secret)];
}

/**
 * The characters of `base64(prefix + secret + suffix)` that depend on the secret alone, for each
 * of the three offsets the secret can take modulo 3: any base64 text that carries the secret
 * carries one of these.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const from = Math.ceil((8 * offset) / 6);
    const to = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(from, to);
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const encoded = [...urlForms(secret), JSON.stringify(secret).slice(1, -1), ...base64Cores(secret)];
  const forms = new Set([secret, ...encoded.filter((form) => form.length >= minEncodedLength)]);
  // Longest first, so a form is never half-masked by a shorter one inside it.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((acc, form) => acc.split(form).join(MASK), text);
}
