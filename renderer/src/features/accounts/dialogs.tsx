import { useEffect, useRef, useState } from 'react';
import { Button, Label, ListBox, ListBoxItem, Tag, TagGroup, TagList } from 'react-aria-components';
import type { AccountView, ErrorInfo, ExportView } from '../../../../preload/api';
import { errorText, reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { AccountIcon } from '../../ui/AccountIcon';
import { Dialog, SaveOrCancel } from '../../ui/Dialog';
import { accountName as name } from '../../ui/format';
import { ShortcutField } from '../../ui/ShortcutField';
import type { BrandIcon } from './brand-icons';
import { searchIcons } from './brand-icons-loader';

export function RenameDialog({
  account,
  t,
  onSave,
  onClose,
}: {
  account: AccountView;
  t: Strings;
  /**
   * Resolves to the error to show, or undefined once saved. A name main refuses (a control or direction
   * character, too long) keeps the dialog open with what was typed, and says why beside the fields.
   */
  onSave: (names: { issuer: string; label: string }) => Promise<ErrorInfo | undefined>;
  onClose: () => void;
}) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [label, setLabel] = useState(account.label);
  const [error, setError] = useState<ErrorInfo | undefined>();
  return (
    <Dialog title={`${t.rename}: ${name(account)}`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          const failed = await onSave({ issuer, label });
          if (failed) setError(failed);
          else onClose();
        }}
      >
        <label>
          {t.issuer}
          <input
            value={issuer}
            onChange={(e) => {
              setIssuer(e.target.value);
              setError(undefined);
            }}
            autoFocus
            aria-invalid={error ? true : undefined}
          />
        </label>
        <label>
          {t.account}
          <input
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              setError(undefined);
            }}
            required
            aria-invalid={error ? true : undefined}
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {errorText(error, t.lang).message} {errorText(error, t.lang).hint}
          </p>
        )}
        <SaveOrCancel t={t} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function ShortcutDialog({
  account,
  current,
  mac,
  t,
  onSave,
  onClose,
}: {
  account: AccountView;
  current: string;
  mac: boolean;
  t: Strings;
  /** Resolves to the error to show, or undefined once saved. */
  onSave: (accelerator: string) => Promise<ErrorInfo | undefined>;
  onClose: () => void;
}) {
  const [accelerator, setAccelerator] = useState(current);
  const [error, setError] = useState<ErrorInfo | undefined>();
  return (
    <Dialog title={t.accountShortcutTitle(name(account))} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          const failed = await onSave(accelerator);
          if (failed) setError(failed);
          else onClose();
        }}
      >
        <label htmlFor="account-shortcut">{t.accountShortcutLabel}</label>
        <ShortcutField
          id="account-shortcut"
          value={accelerator}
          mac={mac}
          t={t}
          describedBy="account-shortcut-help"
          onChange={(a) => {
            setAccelerator(a);
            setError(undefined);
          }}
        />
        <p id="account-shortcut-help" className="help">
          {t.accountShortcutHelp}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {errorText(error, t.lang).message} {errorText(error, t.lang).hint}
          </p>
        )}
        <SaveOrCancel t={t} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function RevealDialog({
  revealed,
  t,
  onClose,
}: {
  revealed: { account: AccountView; secret: string; qr: string };
  t: Strings;
  onClose: () => void;
}) {
  return (
    <Dialog title={`${t.key}: ${name(revealed.account)}`} onClose={onClose}>
      <p className="help">{t.revealHelp}</p>
      <img className="qr" src={revealed.qr} alt={t.qrFor(name(revealed.account))} width={200} height={200} />
      <p className="secret">{revealed.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}

export function ExportDialog({
  exported,
  t,
  onClose,
}: {
  exported: { codes: string[]; excluded: ExportView['excluded'] };
  t: Strings;
  onClose: () => void;
}) {
  const [index, setIndex] = useState(0);
  const total = exported.codes.length;
  return (
    <Dialog title={t.exportTitle} onClose={onClose}>
      {total > 0 ? (
        <>
          <p className="warning">{t.exportBody}</p>
          <p className="help">{t.exportHelp}</p>
          <p role="status">{t.exportStep(index + 1, total)}</p>
          <img
            className="qr"
            src={exported.codes[index]}
            alt={t.exportStep(index + 1, total)}
            width={280}
            height={280}
          />
          <div className="actions">
            <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
              {t.previous}
            </button>
            <button type="button" disabled={index + 1 >= total} onClick={() => setIndex(index + 1)}>
              {t.next}
            </button>
          </div>
        </>
      ) : (
        <p>{t.exportNothing}</p>
      )}
      {exported.excluded.length > 0 && (
        <section aria-labelledby="excluded-title">
          <h3 id="excluded-title">{t.exportExcluded}</h3>
          <ul>
            {exported.excluded.map((e, i) => (
              <li key={i}>
                {e.name} — {reasonText(e, t.lang)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * An account's tags: the ones it has (each with a remove button), a field for a new one (Enter adds it), and the
 * tags other accounts use, one click away. Main checks each (plain text, length); its refusal shows here.
 */
export function TagsDialog({
  account,
  known,
  t,
  onSave,
  onClose,
}: {
  account: AccountView;
  /** Every tag in use, to offer. */
  known: readonly string[];
  t: Strings;
  /** Resolves to the error to show, or undefined once saved. */
  onSave: (tags: string[]) => Promise<ErrorInfo | undefined>;
  onClose: () => void;
}) {
  const [tags, setTags] = useState<string[]>(account.tags ?? []);
  const [draft, setDraft] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // The dialog opens on the field for a new tag: showModal would put the keyboard on the first tag instead (React's
  // autoFocus runs before the dialog is open), and what is typed would not narrow the tags offered.
  useEffect(() => {
    field.current?.focus();
  }, []);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const has = (tag: string) => tags.some((x) => x.toLocaleLowerCase() === tag.toLocaleLowerCase());
  const add = (tag: string) => {
    const clean = tag.trim();
    if (clean && !has(clean)) setTags([...tags, clean]);
    setDraft('');
    setError(undefined);
  };
  // What is typed narrows the tags offered, as a search would: "wo" leaves "work".
  const typed = draft.trim().toLocaleLowerCase();
  const offered = known.filter((tag) => !has(tag) && tag.toLocaleLowerCase().includes(typed));
  return (
    <Dialog title={`${t.tagsTitle}: ${name(account)}`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          // Words typed but not yet added are meant too.
          const all = draft.trim() && !has(draft.trim()) ? [...tags, draft.trim()] : tags;
          const failed = await onSave(all);
          if (failed) setError(failed);
        }}
      >
        {tags.length > 0 ? (
          <TagGroup className="tag-edit" onRemove={(keys) => setTags(tags.filter((tag) => !keys.has(tag)))}>
            <Label>{t.tagsCurrent}</Label>
            <TagList className="chips">
              {tags.map((tag) => (
                <Tag key={tag} id={tag} className="chip" textValue={tag}>
                  {tag}
                  {/* React Aria names the button by this label and the tag's own ("Remove tag work"). */}
                  <Button slot="remove" className="chip-remove" aria-label={t.tagRemove}>
                    ×
                  </Button>
                </Tag>
              ))}
            </TagList>
          </TagGroup>
        ) : (
          <p className="help">{t.tagsNone}</p>
        )}
        <label htmlFor="tag-new">{t.tagNew}</label>
        <div className="tag-add">
          <input
            ref={field}
            id="tag-new"
            value={draft}
            maxLength={32}
            aria-describedby="tag-help"
            aria-invalid={error ? true : undefined}
            aria-errormessage={error ? 'tag-error' : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && draft.trim()) {
                e.preventDefault();
                add(draft);
              }
            }}
          />
          <button type="button" onClick={() => add(draft)} disabled={!draft.trim()}>
            {t.tagAdd}
          </button>
        </div>
        <p id="tag-help" className="help">
          {t.tagsHelp}
        </p>
        {error && (
          <p id="tag-error" className="field-error" role="alert">
            {errorText(error, t.lang).message} {errorText(error, t.lang).hint}
          </p>
        )}
        {offered.length > 0 && (
          <div className="tag-offer" role="group" aria-label={t.tagsKnown}>
            <span className="help" aria-hidden="true">
              {t.tagsKnown}
            </span>
            {offered.map((tag) => (
              <button key={tag} type="button" className="chip-add" onClick={() => add(tag)}>
                + {tag}
              </button>
            ))}
          </div>
        )}
        <SaveOrCancel t={t} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

const AUTOMATIC = 'automatic';

/**
 * "Change icon…": the bundled brand icons searched by name, plus the letter avatar and "Automatic" (the icon the
 * issuer picks). The choice is stored with the account and handed to AccountIcon as its override.
 */
export function IconDialog({
  account,
  t,
  onSave,
  onClose,
}: {
  account: AccountView;
  t: Strings;
  /** A slug, "letter", or null for the automatic choice. */
  onSave: (icon: string | null) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState(account.issuer || account.label);
  const [found, setFound] = useState<BrandIcon[]>([]);
  const [chosen, setChosen] = useState<string>(account.iconOverride ?? AUTOMATIC);
  useEffect(() => {
    let current = true;
    void searchIcons(query, 24).then((icons) => current && setFound(icons));
    return () => {
      current = false;
    };
  }, [query]);
  const options: Array<{ id: string; title: string; override?: string }> = [
    { id: AUTOMATIC, title: t.iconAutomatic },
    { id: 'letter', title: t.iconLetter, override: 'letter' },
    ...found.map((icon) => ({ id: icon.slug, title: icon.title, override: icon.slug })),
  ];
  // The current choice stays offered when the search no longer finds it.
  if (!options.some((o) => o.id === chosen)) options.push({ id: chosen, title: chosen, override: chosen });
  return (
    <Dialog title={`${t.iconTitle}: ${name(account)}`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(chosen === AUTOMATIC ? null : chosen);
        }}
      >
        <label>
          {t.iconSearch}
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            // The issuer is only a first guess: typing replaces it rather than adding to it.
            onFocus={(e) => e.currentTarget.select()}
            autoFocus
          />
        </label>
        <ListBox
          className="icon-choices"
          aria-label={t.iconChoices}
          layout="grid"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[chosen]}
          onSelectionChange={(keys) => {
            const [key] = keys === 'all' ? [] : [...keys];
            if (key !== undefined) setChosen(String(key));
          }}
          items={options}
        >
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.title} className="icon-choice">
              <span aria-hidden="true" className="icon-preview">
                <AccountIcon
                  issuer={account.issuer}
                  label={account.label}
                  size={32}
                  {...(o.override !== undefined ? { override: o.override } : {})}
                />
              </span>
              <span className="icon-name">{o.title}</span>
            </ListBoxItem>
          )}
        </ListBox>
        {found.length === 0 && query.trim() !== '' && <p className="help">{t.iconNone}</p>}
        <SaveOrCancel t={t} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
