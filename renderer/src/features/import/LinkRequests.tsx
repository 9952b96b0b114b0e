import { errorText, reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { accountName as name } from '../../ui/format';
import { afterAdding } from '../add/after';

/**
 * Links and QR codes handed to the app (a browser, an image, the screen), each waiting for a yes or a no. On
 * the add screen they show below the way of adding that found them (`inline`), so the result stays in view;
 * elsewhere the window shows them above its screen.
 */
export function LinkRequests({ t, inline = false }: { t: Strings; inline?: boolean }) {
  const store = useStore();
  const links = useAppState((s) => s.links);
  const onAddScreen = useAppState((s) => s.screen === 'add');
  if (onAddScreen !== inline) return null;
  const drop = (id: string) => store.update((s) => ({ links: s.links.filter((l) => l.id !== id) }));
  return links.map((link) => (
    <section key={link.id} className="link-request" aria-labelledby={`link-${link.id}`}>
      <h2 id={`link-${link.id}`}>
        {/* A transfer code holds several accounts; a link that could not be read is still "this account". */}
        {t.linkTitle(Math.max(1, link.accounts.length))}
      </h2>
      {link.batch && link.batch.size > 1 && (
        <p className="link-batch">{t.linkBatch(link.batch.index + 1, link.batch.size)}</p>
      )}
      {link.error ? (
        <p>{errorText(link.error, t.lang).message}</p>
      ) : (
        <ul>
          {link.accounts.map((a, i) => (
            <li key={i}>{name(a)}</li>
          ))}
          {link.refused.map((r, i) => (
            <li key={`r${i}`}>
              {r.place ? t.place(r.place.kind, r.place.n) : r.name} — {reasonText(r, t.lang)}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          onClick={async () => {
            drop(link.id);
            await window.keyfob.declineLink(link.id);
          }}
        >
          {t.notNow}
        </button>
        {!link.error && link.accounts.length > 0 && (
          <button
            type="button"
            className="primary"
            onClick={async () => {
              drop(link.id);
              const r = await store.call(window.keyfob.acceptLink(link.id));
              // While more codes wait (the rest of a transfer), the window stays where they are.
              if (r) afterAdding(store, r, { stay: store.get().links.length > 0 });
            }}
          >
            {t.addLinks}
          </button>
        )}
      </div>
    </section>
  ));
}
