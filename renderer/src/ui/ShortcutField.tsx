import { useEffect, useState } from 'react';
import { displayAccelerator, recordKey } from './accelerator';
import type { Strings } from '../i18n/strings';

const held = (e: { ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }, mac: boolean) =>
  [e.ctrlKey && 'Control', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && (mac ? 'Command' : 'Super')]
    .filter(Boolean)
    .join('+');

/**
 * Records a key combination by pressing it, rather than spelling Electron's accelerator syntax. Tab still
 * moves on and Escape still closes a dialog, so the field never traps the keyboard. While it has the focus,
 * Keyfob's own global shortcuts are suspended: the system would otherwise hand those keys to them.
 */
export function ShortcutField({
  id,
  value,
  mac,
  t,
  describedBy,
  onChange,
}: {
  id: string;
  value: string;
  mac: boolean;
  t: Strings;
  describedBy?: string;
  onChange: (accelerator: string) => void;
}) {
  const [holding, setHolding] = useState<string | undefined>();
  const [hint, setHint] = useState<string | undefined>();
  const hintId = `${id}-hint`;
  useEffect(() => () => void window.keyfob.suspendShortcuts(false), []);
  const shown = displayAccelerator(value, mac, t);
  return (
    <div className="shortcut-field">
      <input
        id={id}
        readOnly
        className="shortcut-input"
        value={holding ? `${displayAccelerator(`${holding}+`, mac, t)}…` : shown}
        placeholder={t.shortcutNone}
        aria-describedby={[describedBy, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined}
        onFocus={() => void window.keyfob.suspendShortcuts(true)}
        onBlur={() => {
          setHolding(undefined);
          void window.keyfob.suspendShortcuts(false);
        }}
        onKeyDown={(e) => {
          const plain = !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey;
          if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return;
          if (plain && e.key === 'Escape') return;
          e.preventDefault();
          if (plain && (e.key === 'Backspace' || e.key === 'Delete')) {
            setHint(undefined);
            if (value) onChange('');
            return;
          }
          const recorded = recordKey(
            {
              code: e.code,
              key: e.key,
              ctrlKey: e.ctrlKey,
              altKey: e.altKey,
              shiftKey: e.shiftKey,
              metaKey: e.metaKey,
              altGraph: e.getModifierState('AltGraph'),
            },
            mac,
          );
          if (recorded.kind === 'partial') setHolding(recorded.held || undefined);
          else if (recorded.kind === 'needsModifier' || recorded.kind === 'altGraph') {
            setHolding(undefined);
            setHint(recorded.kind === 'altGraph' ? t.shortcutAltGraph : t.shortcutNeedsModifier);
          } else if (recorded.kind === 'done') {
            setHolding(undefined);
            setHint(undefined);
            if (recorded.accelerator !== value) onChange(recorded.accelerator);
          }
        }}
        onKeyUp={(e) => setHolding(held(e, mac) || undefined)}
      />
      {value && (
        <button type="button" onClick={() => onChange('')}>
          {t.shortcutClear}
        </button>
      )}
      {/* A read-only field's new value is not announced; this is. */}
      <span className="visually-hidden" aria-live="polite">
        {shown}
      </span>
      {hint && (
        <p id={hintId} className="field-error" role="status">
          {hint}
        </p>
      )}
    </div>
  );
}
