import type { Strings } from '../../i18n/strings';
import { useStore } from '../../store/react';

/**
 * The first run: what Keyfob is waiting for, and one way on (the header has no Add button of its own while
 * there is nothing to search, so there is exactly one).
 */
export function FirstRun({ t }: { t: Strings }) {
  const store = useStore();
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t.emptyTitle}</h2>
      <p>{t.emptyBody}</p>
      <button type="button" className="primary" onClick={() => store.go('add')}>
        {t.addOrImport}
      </button>
    </section>
  );
}

/** A search that matches nothing says so, rather than showing a blank page, and offers the way back. */
export function NoMatch({ t, query }: { t: Strings; query: string }) {
  const store = useStore();
  return (
    <section className="empty no-match" aria-labelledby="no-match-title">
      <h2 id="no-match-title">{t.noMatchTitle(query.trim())}</h2>
      <p>{t.noMatchBody}</p>
      <button
        type="button"
        onClick={() => {
          store.setSearch('');
          document.querySelector<HTMLInputElement>('header input[type="search"]')?.focus();
        }}
      >
        {t.clearSearch}
      </button>
    </section>
  );
}
