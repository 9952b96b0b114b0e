import type { ImportReport } from '../../../../preload/api';
import { reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';

/** What an import or an addition did, entry by entry: added, already there, or refused and why. */
export function ReportView({ report, t }: { report: ImportReport; t: Strings }) {
  const label = { added: t.added, duplicate: t.duplicate, refused: t.refused };
  return (
    <section aria-labelledby="result-title" className="report">
      <h3 id="result-title">{t.resultTitle}</h3>
      <ul>
        {report.entries.map((e, i) => (
          <li key={i} className={`entry ${e.status}`}>
            <strong>{label[e.status]}</strong> {e.place ? t.place(e.place.kind, e.place.n) : e.name}
            {e.reason && <span className="reason"> — {reasonText({ ...e, reason: e.reason }, t.lang)}</span>}
          </li>
        ))}
      </ul>
      {report.missing.map((m, i) => (
        <p key={i} className="warning" role="status">
          {t.missingBatch(m.missing, m.batchSize)}
        </p>
      ))}
    </section>
  );
}
