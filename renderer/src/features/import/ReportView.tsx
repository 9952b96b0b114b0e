import { useId, useRef, useState } from 'react';
import type { ErrorInfo, ImportReport } from '../../../../preload/api';
import { reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { FieldError } from '../add/FieldError';
import { useAppState } from '../../store/react';
import { notScanned } from '../add/after';

/**
 * What an import or an addition did, entry by entry: added, already there, or not added and why. It stays on
 * the add screen until the person leaves it, as text to read, select and copy.
 */
export function ReportView({ report, t }: { report: ImportReport; t: Strings }) {
  const label = { added: t.added, duplicate: t.duplicate, refused: t.refused };
  const body = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const errorId = useId();
  const copy = async () => {
    setCopied(false);
    setError(undefined);
    // The words as shown, in the window's language; a report never holds a key. Through main's clipboard: the
    // app's permissions refuse the page its own.
    const r = await window.keyfob.copyReport(body.current?.innerText ?? '');
    if (r.ok) setCopied(true);
    else setError(r.error);
  };
  const links = useAppState((s) => s.links);
  // The report keeps every code the export lacked (the next report is joined with it); the ones waiting below
  // are not said to be missing.
  const missing = notScanned(report.missing, links);
  return (
    <section aria-labelledby="result-title" className="report">
      <div className="report-head">
        <h3 id="result-title">{t.resultTitle}</h3>
        <button
          type="button"
          className="link-button"
          // Described by the error, not marked invalid: a button holds no value that could be.
          aria-describedby={error ? errorId : undefined}
          onClick={() => void copy()}
        >
          {t.copyReport}
        </button>
        <span role="status" className="method-status">
          {copied ? t.reportCopied : ''}
        </span>
      </div>
      <FieldError id={errorId} error={error} t={t} />
      <div ref={body}>
        <ul>
          {report.entries.map((e, i) => (
            <li key={i} className={`entry ${e.status}`}>
              <strong>{label[e.status]}</strong> {e.place ? t.place(e.place.kind, e.place.n) : e.name}
              {e.reason && (
                <span className="reason"> — {reasonText({ ...e, reason: e.reason }, t.lang)}</span>
              )}
            </li>
          ))}
        </ul>
        {missing.map((m, i) => (
          <p key={i} className="warning" role="status">
            {t.missingBatch(m.missing, m.batchSize)}
          </p>
        ))}
      </div>
    </section>
  );
}
