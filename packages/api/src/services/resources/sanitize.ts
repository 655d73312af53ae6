import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list of the rich-text editor: paragraphs, headings, emphasis, lists, quotes and links.
 * Everything else (scripts, styles, event handlers, images, iframes) is dropped on the server,
 * so what is stored is safe to show as HTML on the public site.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'a'],
  // rel and target are set by the transform below, never taken from the input.
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the site in a new context that cannot reach back into ours.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    div: 'p',
    // Browsers' editing commands write <b> and <i>; keep one spelling of each.
    b: 'strong',
    i: 'em',
  },
  exclusiveFilter: (frame) => frame.tag === 'p' && !frame.text.trim() && !frame.mediaChildren.length,
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The words of the description, for search and listings. */
export function richTextToPlain(html: string): string {
  const withBreaks = html.replace(/<\/(p|h2|h3|li|blockquote)>|<br\s*\/?>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
