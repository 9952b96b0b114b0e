/**
 * The window's side of the brand icons: the index (icons/index.js, beside index.html) is imported once, after
 * the first paint, so it never delays the list; each icon is an SVG file of its own that an <img> fetches only
 * when an account shows it. Both come from the page's own origin, which the CSP's script-src and img-src allow.
 */
import { IconIndex, type BrandIcon, type IconIndexData } from './brand-icons';

/** undefined while loading; null when there is no usable index (the window then shows letters). */
export type IconIndexState = IconIndex | null | undefined;

let state: IconIndexState;
let started = false;
const listeners = new Set<() => void>();

function iconsFolder(): URL {
  return new URL('icons/', document.baseURI);
}

export function iconUrl(slug: string): string {
  return new URL(`${encodeURIComponent(slug)}.svg`, iconsFolder()).href;
}

function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    // The frame after the next one has been painted; idle time if the window has any, else soon anyway.
    requestAnimationFrame(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 500 });
      else setTimeout(resolve, 0);
    });
  });
}

function settle(next: IconIndex | null): void {
  state = next;
  for (const listener of listeners) listener();
}

async function load(): Promise<void> {
  await afterFirstPaint();
  try {
    const module = (await import(/* @vite-ignore */ new URL('index.js', iconsFolder()).href)) as {
      default: IconIndexData;
    };
    settle(new IconIndex(module.default));
  } catch (error) {
    // A build without icons, or an index of another format: letters for everyone, and a note for developers.
    console.warn('Brand icons unavailable', error);
    settle(null);
  }
}

/** The index as it stands, for useSyncExternalStore. */
export function iconIndexState(): IconIndexState {
  return state;
}

/** Calls `listener` once the index has loaded (or failed to); starts loading it on the first subscription. */
export function subscribeIconIndex(listener: () => void): () => void {
  listeners.add(listener);
  if (!started) {
    started = true;
    void load();
  }
  return () => listeners.delete(listener);
}

/** The loaded index, loading it if nobody has yet; null when there is none. */
export function loadIconIndex(): Promise<IconIndex | null> {
  if (state !== undefined) return Promise.resolve(state);
  return new Promise((resolve) => {
    const unsubscribe = subscribeIconIndex(() => {
      unsubscribe();
      resolve(state ?? null);
    });
  });
}

/** Icons whose name matches `query`, best first, for the "Change icon…" picker. */
export async function searchIcons(query: string, limit = 20): Promise<BrandIcon[]> {
  const index = await loadIconIndex();
  return index ? index.search(query, limit) : [];
}
