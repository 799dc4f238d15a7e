import { logger as vegaLogger, parse, View, Warn } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const escapedFont = FONT.replace(/"/g, '&quot;');

/**
 * Text and axes use currentColor so the same SVG follows the page's light or dark
 * scheme; ARIA on marks is off because the wrapper carries role="img" and a label.
 */
const theme = {
  aria: false,
  background: null,
  font: FONT,
  view: { stroke: null },
  axis: {
    labelColor: 'currentColor',
    titleColor: 'currentColor',
    domainColor: 'currentColor',
    tickColor: 'currentColor',
    gridColor: 'currentColor',
    gridOpacity: 0.15,
    labelFontSize: 12,
    titleFontSize: 12,
    // Without a canvas Vega over-estimates text width; long names end in … and the table has them in full.
    labelLimit: 240,
  },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 12, titleFontSize: 12 },
  text: { color: 'currentColor' },
  rule: { color: 'currentColor' },
};


/** Numbers in geometry to two decimals: a hundredth of a pixel is below what any screen shows. */
const roundGeometry = (value: string) => value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));

/**
 * The chart's wrapper carries role="img" and the text alternative, so the SVG inside is decoration:
 * hidden from assistive technology as a whole, and without the graphics roles Vega writes on
 * groups even with ARIA off (each would need a name of its own). What only a live Vega view uses
 * goes too (classes, pointer events, empty backgrounds, labels hidden for overlap, the font
 * repeated on every text), which halves the weight of a page of small multiples.
 */
export function presentational(svg: string): string {
  return svg
    .replace(/\s(?:role|aria-roledescription|aria-label|aria-hidden|class|pointer-events)="[^"]*"/g, '')
    .replace(/<path d="M0,0h0v0h0Z"\/>/g, '')
    .replace(/<path d=""[^>]*\/>/g, '')
    .replace(/<text[^>]*opacity="0"[^>]*>[^<]*<\/text>/g, '')
    .replace(new RegExp(` font-family="${escapedFont.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'g'), '')
    // SVG's own defaults, written out on every element by Vega.
    .replace(/\s(?:opacity|stroke-width)="1"|\s(?:x|y|x1|y1|x2|y2)="0"|\stransform="translate\(0,0\)"/g, '')
    .replace(/\s(d|transform|points|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g, (_m, name: string, value: string) => ` ${name}="${roundGeometry(value)}"`)
    .replace(/^<svg /, `<svg aria-hidden="true" focusable="false" font-family="${escapedFont}" `);
}

/**
 * Vega-Lite's warnings, less the one a phone drawing always triggers: a chart whose height is a
 * step per row keeps that height when fitted to a width, which is what is wanted.
 */
const base = vegaLogger(Warn);
const logger = Object.assign(Object.create(base) as typeof base, {
  warn: (...args: unknown[]) => (String(args[0]).startsWith('Dropping "fit-') ? logger : base.warn(...args)),
});

/** Compiles a Vega-Lite spec and renders it to an SVG string, with no browser. */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const themed = { ...spec, config: { ...theme, ...spec.config } } as TopLevelSpec;
  const view = new View(parse(compile(themed, { logger }).spec), { renderer: 'none' });
  try {
    return presentational(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Width of a chart drawn for a phone: a 390 px screen less the page's and the figure's padding. */
export const NARROW_WIDTH = 320;

/**
 * The same chart drawn for a narrow screen: the whole SVG, axis labels included, fits NARROW_WIDTH,
 * so text keeps its size instead of the picture being scaled down. Undefined for a chart that is
 * already narrow or whose width Vega-Lite cannot fit (faceted views, concatenations not in columns).
 */
export function narrowSpec(spec: TopLevelSpec): TopLevelSpec | undefined {
  const s = spec as unknown as Record<string, unknown>;
  // A long name in a legend must not push the drawing past the screen, nor may entries side by side:
  // fitting the width sizes the plot only, so a legend above it runs on past the drawing's edge.
  // Long axis labels (project and PM names) give up width to the plot, and a title to its width; the
  // data table below has every name in full.
  const own = (s.config ?? {}) as { legend?: object; axis?: object };
  const config = {
    ...own,
    legend: { ...theme.legend, ...own.legend, labelLimit: 140, columns: 1 },
    axis: { ...theme.axis, ...own.axis, labelLimit: 130, titleLimit: 170 },
  };
  // Small multiples already sized for a phone stack in one column instead of two.
  if (Array.isArray(s.concat) && typeof s.columns === 'number' && s.columns > 1) return { ...s, columns: 1, config } as unknown as TopLevelSpec;
  if (typeof s.width !== 'number' || s.width <= NARROW_WIDTH) return undefined;
  if (['concat', 'hconcat', 'vconcat', 'facet', 'repeat'].some((key) => key in s)) return undefined;
  return { ...s, width: NARROW_WIDTH, autosize: { type: 'fit-x', contains: 'padding' }, config } as unknown as TopLevelSpec;
}
