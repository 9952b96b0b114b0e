import { errorText, reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { accountName as name } from '../../ui/format';

/** Links and QR codes handed to the app (a browser, an image, the screen), each waiting for a yes or a no. */
export function LinkRequests({ t }: { t: Strings }) {
  const store = useStore();
  const links = useAppState((s) => s.links);
  const drop = (id: string) => store.update((s) => ({ links: s.links.filter((l) => l.id !== id) }));
  return links.map((link) => (
    <section key={link.id} className="link-request" aria-labelledby={`link-${link.id}`}>
      <h2 id={`link-${link.id}`}>{t.linkTitle}</h2>
      {link.error ? (
        <p>{errorText(link.error, t.lang).message}</p>
      ) : (
        <ul>
          {link.accounts.map((a, i) => (
            <li key={i}>{name(a)}</li>
          ))}
          {link.refused.map((r, i) => (
            <li key={`r${i}`}>
              {r.name} — {reasonText(r, t.lang)}
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
              if (r) store.showReport(r);
            }}
          >
            {t.addLinks}
          </button>
        )}
      </div>
    </section>
  ));
}
