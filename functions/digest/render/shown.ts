import type { DigestItem, DigestSection } from '../model.ts';

/** Items an e-mail or plain-text section lists before "and N more": a digest is read, not searched. */
export const MAIL_ITEMS_PER_SECTION = 25;

/** The items a section shows and how many it leaves to the site. */
export function shown(section: DigestSection, max: number): { items: DigestItem[]; more: number } {
  return { items: section.items.slice(0, max), more: Math.max(0, section.items.length - max) };
}

export const moreWords = (more: number): string => `and ${more} more on the site`;
