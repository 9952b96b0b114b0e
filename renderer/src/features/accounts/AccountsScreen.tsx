import QRCode from 'qrcode';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Tag,
  TagGroup,
  TagList,
} from 'react-aria-components';
import type { AccountSort, AccountView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { errorNotice } from '../../store/store';
import { copyCodeOrSay, removeWithUndo } from './actions';
import { AccountList } from './AccountList';
import type { RowActions } from './AccountRow';
import { IconDialog, RenameDialog, RevealDialog, ShortcutDialog, TagsDialog } from './dialogs';
import { FirstRun, NoMatch } from './EmptyStates';
import { allTags, arrange, movedOrder, saveOrder, stepOrder } from './organise';

/**
 * Moving a card moves its element in the page, which can cost it the keyboard focus: the focused element (the
 * card, or one of its buttons) gets it back once the new order is shown.
 */
async function keepFocus(work: Promise<void>): Promise<void> {
  const focused = document.activeElement as HTMLElement | null;
  await work;
  requestAnimationFrame(() => {
    // Only when the move lost it: a person who went on to another card meanwhile keeps their place.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (focused?.isConnected && lost) focused.focus();
  });
}

/**
 * The list of accounts (filtered by the toolbar's search and the chosen tags, in the chosen order), or the
 * first-run screen when there are none.
 */
export function AccountsScreen({ t }: { t: Strings }) {
  const store = useStore();
  const accounts = useAppState((s) => s.accounts);
  const settings = useAppState((s) => s.settings);
  const hotp = useAppState((s) => s.hotp);
  const mac = useAppState((s) => s.mac);
  const query = useAppState((s) => s.search);
  const [renaming, setRenaming] = useState<AccountView | undefined>();
  const [shortcutFor, setShortcutFor] = useState<AccountView | undefined>();
  const [tagsFor, setTagsFor] = useState<AccountView | undefined>();
  const [iconFor, setIconFor] = useState<AccountView | undefined>();
  const [chosenTags, setChosenTags] = useState<ReadonlySet<string>>(new Set());
  const sort: AccountSort = settings?.sort ?? 'manual';
  const collator = useMemo(() => new Intl.Collator(t.lang, { sensitivity: 'base', numeric: true }), [t.lang]);
  const [revealed, setRevealed] = useState<
    { account: AccountView; secret: string; qr: string } | undefined
  >();

  // Two accounts of the same name (a second key for one login) are told apart by the start of their ids.
  const namesakes = useMemo(() => {
    const seen = new Map<string, number>();
    for (const a of accounts ?? []) {
      const key = `${a.issuer}\u0000${a.label}`.toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return new Set(
      (accounts ?? [])
        .filter((a) => (seen.get(`${a.issuer}\u0000${a.label}`.toLowerCase()) ?? 0) > 1)
        .map((a) => a.id),
    );
  }, [accounts]);
  const tags = useMemo(() => allTags(accounts ?? [], collator), [accounts, collator]);
  // A chosen tag that no account has any more (renamed, removed elsewhere) stops filtering.
  const filterTags = useMemo(
    () => new Set([...chosenTags].filter((tag) => tags.includes(tag))),
    [chosenTags, tags],
  );
  const visible = useMemo(
    () => arrange(accounts ?? [], { sort, tags: filterTags, query, collator }),
    [accounts, sort, filterTags, query, collator],
  );

  // A new search starts at the top of the list: its first match is what Enter copies.
  const searched = useRef(query);
  useEffect(() => {
    if (searched.current === query) return;
    searched.current = query;
    window.scrollTo({ top: 0 });
  }, [query]);

  const copy = (id: string) => copyCodeOrSay(store, id);
  // Delete goes at once, with a few seconds' Undo in a toast (and Ctrl/Cmd+Z): no question first.
  // The keyboard stays in the list: on the next card (the one before, at the end), as a file manager does.
  const remove = (a: AccountView) => {
    const at = visible.findIndex((v) => v.id === a.id);
    const neighbour = visible[at + 1] ?? visible[at - 1];
    void removeWithUndo(store, a).then(() => {
      if (neighbour) store.askList({ kind: 'focus', id: neighbour.id });
    });
  };
  // Main asks the person itself (a native dialog) before a key leaves the vault: one question, and not one the
  // page could answer for them. A "no" comes back as CANCELLED, which call() passes over quietly.
  const reveal = async (account: AccountView) => {
    const r = await store.call(window.keyfob.revealKey(account.id));
    if (r)
      setRevealed({
        account,
        secret: r.secret,
        qr: await QRCode.toDataURL(r.uri, { margin: 2, width: 200 }),
      });
  };
  const rowActions = (a: AccountView): RowActions => ({
    onCopy: () => void copy(a.id),
    onHotp: () =>
      void store.call(window.keyfob.hotpCode(a.id)).then((code) => {
        if (code) store.update((s) => ({ hotp: new Map(s.hotp).set(a.id, code) }));
      }),
    onRename: () => setRenaming(a),
    onResume: () => {
      if (a.cognito) store.update({ resume: { ...a.cognito } });
      store.go('cognito');
    },
    onRemove: () => remove(a),
    onReveal: () => void reveal(a),
    onShortcut: () => setShortcutFor(a),
    onFavourite: (favourite) => void store.call(window.keyfob.setFavourite(a.id, favourite)),
    onTags: () => setTagsFor(a),
    onIcon: () => setIconFor(a),
  });

  // One function for as long as what the rows show stays the same, so that the list (which caches its rows on
  // it) re-renders none of them when only something else here changes (a dialog opening, say).
  const rowProps = useCallback(
    (a: AccountView) => ({
      hotpCode: hotp.get(a.id),
      shortId: namesakes.has(a.id) ? a.id.slice(0, 4) : undefined,
      shortcut: settings?.accountShortcuts[a.id]
        ? {
            accelerator: settings.accountShortcuts[a.id]!,
            taken: settings.accountShortcutsTaken?.includes(a.id) ?? false,
          }
        : undefined,
      actions: rowActions(a),
    }),
    // rowActions is remade each render, but reads only the store, the setters and the words (t).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hotp, namesakes, settings, t, store],
  );

  if (accounts === undefined) return null;
  return (
    <>
      {accounts.length === 0 ? (
        <FirstRun t={t} />
      ) : (
        <>
          <div className="list-tools">
            <Select
              className="sort"
              aria-label={t.sortLabel}
              value={sort}
              onChange={(key) => {
                if (key === 'manual' || key === 'name' || key === 'recent')
                  void store.saveSettings({ sort: key });
              }}
            >
              <Button className="sort-button">
                <span aria-hidden="true">⇅ </span>
                <SelectValue className="sort-value" />
              </Button>
              <Popover className="menu-popover" placement="bottom end">
                <ListBox className="menu-list">
                  <ListBoxItem id="manual" className="menu-item">
                    {t.sortManual}
                  </ListBoxItem>
                  <ListBoxItem id="name" className="menu-item">
                    {t.sortName}
                  </ListBoxItem>
                  <ListBoxItem id="recent" className="menu-item">
                    {t.sortRecent}
                  </ListBoxItem>
                </ListBox>
              </Popover>
            </Select>
          </div>
          {tags.length > 0 && (
            <TagGroup
              className="tag-filter"
              selectionMode="multiple"
              selectedKeys={filterTags}
              onSelectionChange={(keys) =>
                setChosenTags(new Set(keys === 'all' ? tags : [...keys].map(String)))
              }
            >
              <Label className="visually-hidden">{t.tagFilter}</Label>
              <TagList className="chips">
                {tags.map((tag) => (
                  <Tag key={tag} id={tag} className="chip" textValue={tag}>
                    {tag}
                  </Tag>
                ))}
              </TagList>
            </TagGroup>
          )}
          {visible.length === 0 ? (
            <NoMatch t={t} query={query} />
          ) : (
            <AccountList
              shown={visible}
              t={t}
              mac={mac}
              canReorder={sort === 'manual'}
              keys={{
                onRename: setRenaming,
                onRemove: remove,
                onStep: (a, delta) => {
                  const ids = stepOrder(accounts, visible, a.id, delta);
                  if (ids) void keepFocus(saveOrder(store, ids));
                },
                onDrop: (id, target, position) => {
                  const ids = movedOrder(accounts, id, target, position);
                  if (ids) void saveOrder(store, ids);
                },
              }}
              rowProps={rowProps}
            />
          )}
        </>
      )}

      {renaming && (
        <RenameDialog
          account={renaming}
          t={t}
          onClose={() => setRenaming(undefined)}
          onSave={async (names) => {
            const r = await window.keyfob.renameAccount(renaming.id, names);
            if (r.ok) return undefined;
            // A name main refuses is said beside the fields, which keep what was typed; anything else (the account
            // went meanwhile, deleted here or by the CLI) closes the dialog and is said as any other failure.
            if (r.error.code !== 'PARAMS_INVALID') {
              setRenaming(undefined);
              store.notify(errorNotice(r.error));
              return undefined;
            }
            return r.error;
          }}
        />
      )}
      {shortcutFor && settings && (
        <ShortcutDialog
          account={shortcutFor}
          current={settings.accountShortcuts[shortcutFor.id] ?? ''}
          mac={mac}
          t={t}
          onClose={() => setShortcutFor(undefined)}
          onSave={async (accelerator) => {
            const r = await window.keyfob.setAccountShortcut(shortcutFor.id, accelerator);
            if (!r.ok) return r.error;
            store.update({ settings: r.value });
            if (accelerator && r.value.accountShortcutsTaken?.includes(shortcutFor.id)) {
              return { code: 'SHORTCUT_TAKEN', message: t.accountShortcutTaken, hint: '' };
            }
            return undefined;
          }}
        />
      )}
      {tagsFor && (
        <TagsDialog
          account={tagsFor}
          known={tags}
          t={t}
          onClose={() => setTagsFor(undefined)}
          onSave={async (next) => {
            const r = await window.keyfob.setTags(tagsFor.id, next);
            if (!r.ok) return r.error;
            setTagsFor(undefined);
            return undefined;
          }}
        />
      )}
      {iconFor && (
        <IconDialog
          account={iconFor}
          t={t}
          onClose={() => setIconFor(undefined)}
          onSave={async (icon) => {
            await store.call(window.keyfob.setIcon(iconFor.id, icon));
            setIconFor(undefined);
          }}
        />
      )}
      {revealed && <RevealDialog revealed={revealed} t={t} onClose={() => setRevealed(undefined)} />}
    </>
  );
}
