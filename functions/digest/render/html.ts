import { siteLink } from '../links.ts';
import { basisLine, type Digest, type Tone } from '../model.ts';
import { escapeHtml } from './escape.ts';
import { MAIL_ITEMS_PER_SECTION, moreWords, shown } from './shown.ts';

/**
 * The digest as an HTML e-mail for the mail clients people use: one 600 px table (layout by
 * tables, not CSS boxes, which several clients ignore), every style inline (clients drop <style>
 * and linked sheets), no script and no images. Long unbroken words wrap, so a long name cannot
 * push the mail wider than a phone.
 */
const FONT = 'font-family:Arial,Helvetica,sans-serif';
const TONE_COLOUR: Record<Tone, string> = { bad: '#b42318', good: '#067647', neutral: '#475467' };
const TONE_MARK: Record<Tone, string> = { bad: '▼', good: '▲', neutral: '•' };

export function renderHtml(digest: Digest, siteUrl: string | undefined): string {
  const e = escapeHtml;
  const sections = digest.sections
    .map((section) => {
      const { items, more } = shown(section, MAIL_ITEMS_PER_SECTION);
      const rows = items.length
        ? items
            .map(
              (item) => `<tr><td style="padding:6px 0;border-top:1px solid #eaecf0;${FONT};font-size:14px;line-height:20px;color:#101828;word-wrap:break-word;overflow-wrap:anywhere">` +
                `<span style="color:${TONE_COLOUR[item.tone]}">${TONE_MARK[item.tone]}</span> ` +
                `<a href="${e(siteLink(siteUrl, item.path))}" style="color:#1d4ed8;text-decoration:underline;font-weight:bold">${e(item.title)}</a><br>` +
                `<span style="color:#475467">${e(item.detail)}</span></td></tr>`,
            )
            .join('\n')
        : `<tr><td style="padding:6px 0;${FONT};font-size:14px;color:#475467">${e(section.empty)}</td></tr>`;
      const tail = more ? `\n<tr><td style="padding:6px 0;${FONT};font-size:13px;color:#475467">${e(moreWords(more))}</td></tr>` : '';
      return `<tr><td style="padding:16px 0 4px;${FONT};font-size:16px;font-weight:bold;color:#101828">${e(section.heading)}</td></tr>\n${rows}${tail}`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(digest.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f2f4f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f2f4f7"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;table-layout:fixed">
<tr><td style="padding:16px 20px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed">
<tr><td style="${FONT};font-size:20px;font-weight:bold;color:#101828;word-wrap:break-word;overflow-wrap:anywhere">${e(digest.title)}</td></tr>
<tr><td style="padding-top:4px;${FONT};font-size:13px;color:#475467">${e(basisLine(digest))}</td></tr>
${sections}
<tr><td style="padding-top:20px;${FONT};font-size:12px;color:#667085">Every item links to the page of the report that explains it.</td></tr>
</table>
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}
