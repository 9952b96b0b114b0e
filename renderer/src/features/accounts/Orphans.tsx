import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';

/** Keys found in the keychain without an account: nothing comes back into the list without the person's word. */
export function Orphans({ t }: { t: Strings }) {
  const store = useStore();
  const orphans = useAppState((s) => s.orphans);
  if (orphans.length === 0) return null;
  return (
    <section className="link-request" aria-labelledby="orphans-title">
      <h2 id="orphans-title">{t.orphansTitle}</h2>
      <p>{t.orphansHelp}</p>
      <ul>
        {orphans.map((orphan) => {
          const settle = async (action: 'restore' | 'delete') => {
            store.update((s) => ({ orphans: s.orphans.filter((o) => o.id !== orphan.id) }));
            // A restored key comes back into the list through accounts:changed.
            await store.call(window.keyfob.resolveOrphan(orphan.id, action));
          };
          return (
            <li key={orphan.id}>
              {orphan.name} {orphan.pending && t.orphanPending}
              <div className="actions">
                <button type="button" onClick={() => void settle('delete')}>
                  {t.orphanDelete}
                </button>
                <button type="button" className="primary" onClick={() => void settle('restore')}>
                  {t.orphanRestore}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
