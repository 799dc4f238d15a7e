import { siteLink } from '../links.ts';
import { basisLine, type Digest } from '../model.ts';
import { MAIL_ITEMS_PER_SECTION, moreWords, shown } from './shown.ts';

/** The plain-text part of the e-mail (and what the CLI prints): each item, then its link on its own line. */
export function renderText(digest: Digest, siteUrl: string | undefined): string {
  const lines = [digest.title, basisLine(digest)];
  for (const section of digest.sections) {
    lines.push('', section.heading, '-'.repeat(Math.min(section.heading.length, 72)));
    const { items, more } = shown(section, MAIL_ITEMS_PER_SECTION);
    if (!items.length) lines.push(section.empty);
    for (const item of items) lines.push(`* ${item.title}: ${item.detail}`, `  ${siteLink(siteUrl, item.path)}`);
    if (more) lines.push(moreWords(more));
  }
  return `${lines.join('\n')}\n`;
}
