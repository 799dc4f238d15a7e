/**
 * Where to send someone after sign-in: a path and query on this site, never another origin.
 *
 * Browsers strip tab, CR and LF from a Location (`/\t/evil.example` becomes `//evil.example`) and
 * read `\` as `/`, so a prefix test on the text is not enough: the value is resolved as the browser
 * would resolve it, must keep the site's origin, and may hold no control or bidi characters, raw or
 * percent-encoded (a bidi override makes a link read differently from where it goes).
 */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/;
/** Any origin will do for resolving: only whether the result keeps it matters. */
const PLACEHOLDER_ORIGIN = 'https://pmpulse.invalid';

export function safeNext(next: string | undefined, origin: string = PLACEHOLDER_ORIGIN): string {
  if (!next || !next.startsWith('/') || UNSAFE_CHARACTERS.test(next) || UNSAFE_CHARACTERS.test(decoded(next))) return '/';
  try {
    const url = new URL(next, origin);
    if (url.origin !== new URL(origin).origin || url.pathname.startsWith('//')) return '/';
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/** The value with its percent escapes undone; a malformed escape counts as unsafe. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '\u0000';
  }
}
