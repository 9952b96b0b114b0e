import type { ImportReport } from '../../../../preload/api';
import type { Store } from '../../store/store';

/** Long enough to find the new rows in a long list, short enough not to stay a decoration. */
const HIGHLIGHT_MS = 6000;

let clearing: ReturnType<typeof setTimeout> | undefined;

/**
 * What every way of adding ends in. What was added or already there is said in a toast ("25 added, 2 already
 * there") and the new rows stand out in the list; when something was not added, or codes of a Google
 * Authenticator export are still to be scanned, the window stays on the add screen with the report, to read and
 * copy, instead of hiding it behind the list. `stay` keeps the window where it is (other codes wait there).
 */
export function afterAdding(store: Store, report: ImportReport, options: { stay?: boolean } = {}): void {
  const added = report.entries.flatMap((e) => (e.status === 'added' && e.id !== undefined ? [e.id] : []));
  const already = report.entries.filter((e) => e.status === 'duplicate').length;
  // A note on an added entry (it shares its name with another account) is worth reading too.
  const stay =
    report.missing.length > 0 ||
    report.entries.some((e) => e.status === 'refused' || (e.status === 'added' && e.reason !== undefined));
  if (added.length > 0 || already > 0) {
    store.notify({ kind: 'ok', phrases: [{ key: 'addedSummary', args: [added.length, already] }] });
  }
  if (clearing !== undefined) clearTimeout(clearing);
  const here = store.get().screen;
  store.update(
    stay
      ? { screen: 'add', report, highlight: added }
      : // More codes wait for an answer where the person is (the rest of a screen scan): they stay there.
        options.stay
        ? { highlight: added, ...(here === 'add' ? { report } : {}) }
        : { screen: 'accounts', report: undefined, highlight: added },
  );
  clearing = setTimeout(() => {
    clearing = undefined;
    store.update({ highlight: [] });
  }, HIGHLIGHT_MS);
}
