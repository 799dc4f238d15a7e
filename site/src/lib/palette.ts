/**
 * A PM keeps one colour on every page and in every build: the hue comes from a hash of
 * the PM id, not from the PM's position in a list that changes as people join or leave.
 */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // murmur3 finaliser: ids that differ in one character still land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

const toSrgb = (linear: number) => (linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055);

/** OKLCH → linear sRGB (Björn Ottosson's matrices); undefined when outside the sRGB gamut. */
function oklchToRgb(l: number, c: number, hueDeg: number): [number, number, number] | undefined {
  const h = (hueDeg * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const rgb: [number, number, number] = [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
  return rgb.every((v) => v >= -1e-4 && v <= 1 + 1e-4) ? rgb : undefined;
}

const hex = (linear: number) =>
  Math.round(Math.min(1, Math.max(0, toSrgb(linear))) * 255)
    .toString(16)
    .padStart(2, '0');

/**
 * Equal perceived lightness for every hue (OKLCH), mid-tone so points read on both the
 * light and the dark background; chroma shrinks until the colour fits in sRGB.
 */
export function pmColour(pmId: string): string {
  const hue = hash32(pmId) % 360;
  for (let chroma = 0.17; chroma > 0; chroma -= 0.01) {
    const rgb = oklchToRgb(0.64, chroma, hue);
    if (rgb) return `#${rgb.map(hex).join('')}`;
  }
  return '#8a8f98';
}

/** A Vega-Lite colour scale mapping each PM id to its colour. */
export function pmColourScale(pmIds: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...pmIds], range: pmIds.map(pmColour) };
}

/** Target and actual in the alignment chart: neutral grey for the plan, accent for what happened. */
export const measureColours = { target: '#8a8f98', actual: '#2f6fdf' } as const;
