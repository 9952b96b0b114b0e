/**
 * Whether `url` is our renderer's document. Both sides are parsed so that equivalent spellings compare equal,
 * and the fragment is ignored because it can never load a different document or origin (a hash route stays
 * our page); the query is not, since it reaches the page's scripts.
 */
export function isRendererUrl(url: unknown, rendererUrl: string): boolean {
  if (typeof url !== 'string') return false;
  const candidate = parse(url);
  const ours = parse(rendererUrl);
  if (!candidate || !ours) return false;
  candidate.hash = '';
  ours.hash = '';
  return candidate.href === ours.href;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
