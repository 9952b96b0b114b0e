import { useEffect, useRef } from 'react';
import { errorText } from '../i18n';
import type { Strings } from '../i18n/strings';
import { say } from '../i18n/words';
import { useAppState, useStore } from '../store/react';
import type { Notice, Toast } from '../store/store';
import './Toast.css';

/** A notice in the window's language now: phrases are worded when shown, so a change of language reaches it. */
function words(notice: Notice, t: Strings): { message: string; hint?: string | undefined } {
  if ('error' in notice) return errorText(notice.error, t.lang);
  return {
    message: notice.phrases.map((p) => say(t, p)).join(' '),
    hint: notice.hint && say(t, notice.hint),
  };
}

/**
 * The window's toasts: fixed over the bottom of the window, so a toast never moves a row under the pointer.
 * Both live regions are in the page from the start (a region added with its message is often not read): good
 * news politely, errors at once. Ok toasts go by themselves and wait while the pointer or the keyboard is on
 * them; errors stay until dismissed; an Undo toast lasts as long as main waits for it.
 */
export function ToastRegion({ t, onUndo }: { t: Strings; onUndo: (toast: Toast) => void }) {
  const store = useStore();
  const toasts = useAppState((s) => s.toasts);
  const region = useRef<HTMLDivElement>(null);
  // Held while the pointer is over the toasts or the keyboard is in them, each followed on its own.
  const on = useRef({ pointer: false, focus: false });
  const hold = (change: Partial<typeof on.current>) => {
    on.current = { ...on.current, ...change };
    store.holdToasts(on.current.pointer || on.current.focus);
  };
  // A toast closed from the keyboard takes its focused button with it, and no blur comes: the focus has left
  // the toasts all the same, and the others' time must run again.
  useEffect(() => {
    if (on.current.focus && !region.current?.contains(document.activeElement)) hold({ focus: false });
  });
  const item = (toast: Toast) => {
    const said = words(toast.notice, t);
    return (
      <div key={toast.id} className={`toast ${toast.notice.kind}`} data-toast={toast.id}>
        <span className="toast-text">
          <span className="toast-message">{said.message}</span>
          {said.hint && <span className="toast-hint">{said.hint}</span>}
        </span>
        {toast.undo && (
          <button type="button" className="toast-action" onClick={() => onUndo(toast)}>
            {t.undo}
          </button>
        )}
        <button
          type="button"
          className="toast-close"
          aria-label={t.close}
          onClick={() => store.dismiss(toast.id)}
        >
          ×
        </button>
      </div>
    );
  };
  return (
    <div
      ref={region}
      className="toasts"
      onPointerEnter={() => hold({ pointer: true })}
      onPointerLeave={() => hold({ pointer: false })}
      onFocus={() => hold({ focus: true })}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hold({ focus: false });
      }}
    >
      <div role="alert" className="toast-list">
        {toasts.filter((x) => x.notice.kind === 'error').map(item)}
      </div>
      <div role="status" aria-live="polite" className="toast-list">
        {toasts.filter((x) => x.notice.kind === 'ok').map(item)}
      </div>
    </div>
  );
}

/**
 * A tick over an account's countdown while the toast that says its code was copied is shown. Only for the eye:
 * the toast says it to screen readers.
 */
export function CopiedTick({ id, t }: { id: string; t: Strings }) {
  const copied = useAppState((s) => s.toasts.some((x) => x.copied === id));
  if (!copied) return null;
  return (
    <span className="copied-tick" title={t.copiedTick} aria-hidden="true">
      ✓
    </span>
  );
}
