import type { ImportReport, LinkSummary } from '../../../../preload/api';
import type { Store } from '../../store/store';

/** How long rows just added stand out (Store.highlightFor). */
const HIGHLIGHT_MS = 6000;

/**
 * A Google Authenticator transfer comes as several QR codes, each added on its own: an import knows only its
 * own code, so it calls every other code of the export missing. Joined with the report before it for the same
 * export, what is still missing is what neither saw, and the report lists the whole transfer so far.
 */
function joined(before: ImportReport | undefined, report: ImportReport): ImportReport {
  const same = (a: ImportReport['missing'][number], b: ImportReport['missing'][number]) =>
    a.exportId !== undefined &&
    a.exportId === b.exportId &&
    a.format === b.format &&
    a.batchSize === b.batchSize;
  if (!before || !report.missing.some((m) => before.missing.some((p) => same(m, p)))) return report;
  const missing = report.missing
    .map((m) => {
      const earlier = before.missing.find((p) => same(m, p));
      return earlier ? { ...m, missing: m.missing.filter((n) => earlier.missing.includes(n)) } : m;
    })
    .filter((m) => m.missing.length > 0);
  return { entries: [...before.entries, ...report.entries], missing };
}

/**
 * The codes of an export still to scan: a code that waits below for the person's answer has been scanned, so the
 * report does not send them looking for it. The waiting code names only its place and its export's size (not
 * which export), so a code of the same size and place counts as this export's.
 */
export function notScanned(
  missing: ImportReport['missing'],
  links: readonly LinkSummary[],
): ImportReport['missing'] {
  return missing
    .map((m) => {
      const waiting = links.flatMap((l) =>
        l.kind === 'otpauth-migration' && l.batch?.size === m.batchSize ? [l.batch.index + 1] : [],
      );
      return { ...m, missing: m.missing.filter((n) => !waiting.includes(n)) };
    })
    .filter((m) => m.missing.length > 0);
}

/**
 * What every way of adding ends in. What was added or already there is said in a toast ("25 added, 2 already
 * there") and the new rows stand out in the list; when something was not added, or codes of a Google
 * Authenticator export are still to be scanned, the window stays on the add screen with the report, to read and
 * copy, instead of hiding it behind the list. `stay` keeps the window where it is (other codes wait there).
 */
export function afterAdding(store: Store, added: ImportReport, options: { stay?: boolean } = {}): void {
  const report = joined(store.get().report, added);
  const ids = report.entries.flatMap((e) => (e.status === 'added' && e.id !== undefined ? [e.id] : []));
  const already = report.entries.filter((e) => e.status === 'duplicate').length;
  // A note on an added entry (it shares its name with another account) is worth reading too.
  const stay =
    report.missing.length > 0 ||
    report.entries.some((e) => e.status === 'refused' || (e.status === 'added' && e.reason !== undefined));
  if (ids.length > 0 || already > 0) {
    store.notify({ kind: 'ok', phrases: [{ key: 'addedSummary', args: [ids.length, already] }] });
  }
  const here = store.get().screen;
  store.update(
    stay
      ? { screen: 'add', report }
      : // More codes wait for an answer where the person is (the rest of a screen scan): they stay there.
        options.stay
        ? here === 'add'
          ? { report }
          : {}
        : { screen: 'accounts', report: undefined },
  );
  store.highlightFor(ids, HIGHLIGHT_MS);
}
