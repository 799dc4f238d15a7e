import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Text and axes use currentColor so the same SVG follows the page's light or dark
 * scheme; ARIA on marks is off because the wrapper carries role="img" and a label.
 */
const theme = {
  aria: false,
  background: null,
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
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

/** Compiles a Vega-Lite spec and renders it to an SVG string, with no browser. */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const themed = { ...spec, config: { ...theme, ...spec.config } } as TopLevelSpec;
  const view = new View(parse(compile(themed).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
