import path from 'node:path';

/** How the role tests read a built site as the edge serves it. */

/** A built file as a request path: `compare/index.html` → `/compare/`, `data/x.csv` → `/data/x.csv`. */
export const requestPath = (file: string) => `/${file.split(path.sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1');

/** The file under `dist` the edge serves for a path it decided on. */
export const servedFile = (dist: string, served: string) => path.join(dist, served.endsWith('/') ? `${served}index.html` : served);

/** The five entities the pages escape, decoded. */
export const decodeEntities = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Text as a reader (or a screen reader, or a copy-paste) gets it: tags and styles out, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}
