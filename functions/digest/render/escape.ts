/** Text from the sources (names are user-editable) made safe for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Text made safe for Slack mrkdwn: Slack reads `&`, `<` and `>` as control characters (links,
 * mentions) and asks that exactly these three be escaped as HTML entities
 * (https://api.slack.com/reference/surfaces/formatting#escaping). `*`, `_`, `~` and backticks can
 * still style a name; they cannot make a link or a mention.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
