import type { ClipboardEvent } from 'react';
import type { Store } from '../../store/store';
import { afterAdding } from '../add/after';

const IMAGE = /\.(png|jpe?g)$/i;

/**
 * A file dropped on the window or pasted into it. An image's setup codes come back as links to confirm (onLinks);
 * any other file is read as another app's export, its format found by main's registry, and added.
 */
export async function addImage(store: Store, file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (file.type.startsWith('image/') || IMAGE.test(file.name)) {
    await store.call(window.keyfob.scanImage(bytes));
    return;
  }
  const report = await store.call(window.keyfob.importFile({ bytes, fileName: file.name }));
  if (report) afterAdding(store, report);
}

/** Pasting an image or a link anywhere outside a text field adds it. */
export function pasteAnywhere(store: Store, e: ClipboardEvent): void {
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea')) return;
  const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'));
  if (file) {
    e.preventDefault();
    void addImage(store, file);
    return;
  }
  const text = e.clipboardData.getData('text/plain');
  if (/^otpauth(-migration)?:\/\//i.test(text.trim())) {
    e.preventDefault();
    void store.call(window.keyfob.addFromText(text)).then((r) => r && afterAdding(store, r));
  }
}
