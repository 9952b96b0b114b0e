import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AccountView, ErrorInfo } from '../../../../preload/api';
import { errorText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { useCode } from '../../store/react';
import { groupCode } from '../../ui/format';

/** Shown at most: the palette is for finding one account by typing, not for browsing hundreds. */
const LIMIT = 50;

/** Every word typed must appear in the issuer or the label, in any order: "git ada" finds GitHub (ada@…). */
export function paletteMatches(accounts: readonly AccountView[], query: string): AccountView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  // A counter-based code is made on request and a pending key is not in use yet: neither is one to copy.
  const usable = accounts.filter((a) => a.type !== 'hotp' && a.status === 'active');
  return usable
    .filter((a) => {
      const haystack = `${a.issuer} ${a.label}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .slice(0, LIMIT);
}

function Option({
  account,
  selected,
  onChoose,
}: {
  account: AccountView;
  selected: boolean;
  onChoose: () => void;
}) {
  const code = useCode(account.id);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <li
      ref={ref}
      id={`palette-${account.id}`}
      role="option"
      aria-selected={selected}
      // The search field keeps the focus (and with it the keyboard) while the mouse chooses.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
    >
      <span className="names">
        <span className="issuer">{account.issuer || account.label}</span>
        {account.issuer && <span className="label">{account.label}</span>}
      </span>
      <span className="code">{code ? groupCode(code.code) : ''}</span>
    </li>
  );
}

/**
 * The quick search the global shortcut opens: type, arrows choose, Enter copies. It is a modal dialog in the
 * one window (the security baseline allows no second window), and on closing main sends the window back behind
 * the application it came over.
 */
export function Palette({
  accounts,
  t,
  onCopy,
  onClose,
}: {
  accounts: readonly AccountView[];
  t: Strings;
  /** Resolves to an error to show, or undefined once the code is on the clipboard. */
  onCopy: (account: AccountView) => Promise<ErrorInfo | undefined>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<ErrorInfo | undefined>();
  // Layout effect: its cleanup runs while the dialog is still in the page, so closing it gives the focus back
  // to where it was. (Main hears of the end from the owner's onClose/onCopy, not from here: React's strict
  // mode unmounts once in development, which would send the window away as the palette opens.)
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const matches = useMemo(() => paletteMatches(accounts, query), [accounts, query]);
  const index = Math.min(active, matches.length - 1);
  const current = index >= 0 ? matches[index] : undefined;
  const choose = async (account: AccountView | undefined) => {
    if (!account) return;
    setError(await onCopy(account));
  };
  return (
    <dialog
      ref={ref}
      className="palette"
      aria-label={t.paletteTitle}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <input
        type="text"
        role="combobox"
        aria-label={t.paletteTitle}
        aria-expanded={matches.length > 0}
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={current ? `palette-${current.id}` : undefined}
        aria-describedby="palette-keys"
        placeholder={t.paletteSearch}
        spellCheck={false}
        autoComplete="off"
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setError(undefined);
        }}
        onKeyDown={(e) => {
          // An input method (Pinyin, Kana) uses Enter and the arrows to choose its own candidates.
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          // Home and End stay with the text field, as in any editable combobox.
          const moves: Record<string, number> = {
            ArrowDown: index + 1,
            ArrowUp: index - 1,
            PageDown: index + 8,
            PageUp: index - 8,
          };
          const to = moves[e.key];
          if (to !== undefined && matches.length > 0) {
            e.preventDefault();
            setActive(Math.max(0, Math.min(matches.length - 1, to)));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void choose(current);
          }
        }}
      />
      <ul id="palette-list" role="listbox" aria-label={t.accounts}>
        {matches.map((a, i) => (
          <Option key={a.id} account={a} selected={i === index} onChoose={() => void choose(a)} />
        ))}
      </ul>
      <p className="help" role="status">
        {matches.length === 0 ? t.paletteNone : ''}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {errorText(error, t.lang).message} {errorText(error, t.lang).hint}
        </p>
      )}
      <p id="palette-keys" className="help palette-keys">
        {t.paletteKeys}
      </p>
    </dialog>
  );
}
