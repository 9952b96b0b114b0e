import { useState } from 'react';
import { displayAccelerator, recordKey } from './accelerator';
import type { Strings } from './strings';

/**
 * Records a key combination by pressing it, rather than spelling Electron's accelerator syntax. Tab still
 * moves on and Escape still closes a dialog, so the field never traps the keyboard.
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
  const [held, setHeld] = useState<string | undefined>();
  const [hint, setHint] = useState<string | undefined>();
  const hintId = `${id}-hint`;
  return (
    <div className="shortcut-field">
      <input
        id={id}
        readOnly
        className="shortcut-input"
        value={held ? `${displayAccelerator(`${held}+`, mac)}…` : displayAccelerator(value, mac)}
        placeholder={t.shortcutNone}
        aria-describedby={[describedBy, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined}
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
          const recorded = recordKey(e, mac);
          if (recorded.kind === 'partial') setHeld(recorded.held || undefined);
          else if (recorded.kind === 'needsModifier') {
            setHeld(undefined);
            setHint(t.shortcutNeedsModifier);
          } else if (recorded.kind === 'done') {
            setHeld(undefined);
            setHint(undefined);
            if (recorded.accelerator !== value) onChange(recorded.accelerator);
          }
        }}
        onKeyUp={(e) => {
          if (!e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) setHeld(undefined);
        }}
        onBlur={() => setHeld(undefined)}
      />
      {value && (
        <button type="button" onClick={() => onChange('')}>
          {t.shortcutClear}
        </button>
      )}
      {hint && (
        <p id={hintId} className="field-error" role="status">
          {hint}
        </p>
      )}
    </div>
  );
}
