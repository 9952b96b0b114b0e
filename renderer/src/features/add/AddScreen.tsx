import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { unwrap } from '../../store/store';
import { useAppState, useStore } from '../../store/react';
import { GoogleView } from '../import/GoogleView';
import { ImportView } from '../import/ImportView';
import { LinkRequests } from '../import/LinkRequests';
import { ReportView } from '../import/ReportView';
import { afterAdding } from './after';
import { describedBy, FieldError } from './FieldError';
import { MethodIcon } from './icons';
import { KeyForm } from './KeyForm';
import { CameraPick, ImagePick, ScreenScan } from './scanners';
import './add.css';

export type Method = 'screen' | 'camera' | 'image' | 'paste' | 'key' | 'import' | 'google';

const METHODS: readonly Method[] = ['screen', 'camera', 'image', 'paste', 'key', 'import', 'google'];

function words(t: Strings, method: Method): { title: string; line: string } {
  switch (method) {
    case 'screen':
      return { title: t.scanScreen, line: t.methodScreenLine };
    case 'camera':
      return { title: t.methodCamera, line: t.methodCameraLine };
    case 'image':
      return { title: t.methodImage, line: t.methodImageLine };
    case 'paste':
      return { title: t.pasteTitle, line: t.methodPasteLine };
    case 'key':
      return { title: t.keyTitle, line: t.methodKeyLine };
    case 'import':
      return { title: t.methodImport, line: t.methodImportLine };
    case 'google':
      return { title: t.methodGoogle, line: t.methodGoogleLine };
  }
}

/**
 * Adding accounts: first the ways to add, as large tiles, then one way per view with a way back. Whatever a
 * way finds waits below it for the person's word, and what was not added stays here as a report.
 */
export function AddScreen({ t }: { t: Strings }) {
  const report = useAppState((s) => s.report);
  const [method, setMethod] = useState<Method | undefined>();
  const last = useRef<Method | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const view = useRef<HTMLElement>(null);
  const tiles = useRef<Partial<Record<Method, HTMLButtonElement | null>>>({});

  useEffect(() => {
    // Opening a way puts the keyboard in its first field, so that what is typed goes there (a link's "/" would
    // otherwise reach the window's keys); a view without one starts at its heading. The camera's scanner takes
    // the keyboard itself. Going back puts it on the tile it came from.
    if (method) {
      if (view.current?.contains(document.activeElement)) return;
      const field = view.current?.querySelector<HTMLElement>(
        'input:not([type="file"]):not([type="hidden"]):not(:disabled), textarea, select',
      );
      (field ?? heading.current)?.focus();
    } else tiles.current[last.current ?? 'screen']?.focus();
  }, [method]);

  const results = (
    <>
      <LinkRequests t={t} inline />
      {report && <ReportView report={report} t={t} />}
    </>
  );

  if (method === undefined) {
    return (
      <div className="add">
        <h2 className="add-question">{t.addChooserTitle}</h2>
        <ul
          className="add-methods"
          onKeyDown={(e) => {
            // The tiles are one group: the arrow keys move between them, as in a grid.
            const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
            const at = METHODS.findIndex((m) => tiles.current[m] === document.activeElement);
            if (step === undefined || at < 0) return;
            e.preventDefault();
            tiles.current[METHODS[(at + step + METHODS.length) % METHODS.length]!]?.focus();
          }}
        >
          {METHODS.map((m) => {
            const { title, line } = words(t, m);
            return (
              <li key={m}>
                <button
                  type="button"
                  className="method-tile"
                  ref={(b) => {
                    tiles.current[m] = b;
                  }}
                  aria-labelledby={`method-${m}`}
                  aria-describedby={`method-${m}-line`}
                  onClick={() => {
                    last.current = m;
                    setMethod(m);
                  }}
                >
                  <MethodIcon method={m} />
                  <span className="method-words">
                    <span className="method-title" id={`method-${m}`}>
                      {title}
                    </span>
                    <span className="method-line" id={`method-${m}-line`}>
                      {line}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {results}
      </div>
    );
  }

  const { title } = words(t, method);
  return (
    <div className="add">
      <button type="button" className="method-back" onClick={() => setMethod(undefined)}>
        ← {t.allMethods}
      </button>
      <section className="method-view" aria-labelledby="method-title" ref={view}>
        <h2 id="method-title" ref={heading} tabIndex={-1}>
          <MethodIcon method={method} />
          {title}
        </h2>
        <MethodView method={method} t={t} />
      </section>
      {results}
    </div>
  );
}

function MethodView({ method, t }: { method: Method; t: Strings }) {
  switch (method) {
    case 'screen':
      return (
        <>
          <p className="help">{t.screenHelp}</p>
          <ScreenScan t={t} id="screen" />
        </>
      );
    case 'camera':
      return <CameraPick t={t} id="camera" />;
    case 'image':
      return (
        <>
          <p className="help">{t.imageHelp}</p>
          <ImagePick t={t} id="image" />
        </>
      );
    case 'paste':
      return <PasteForm t={t} />;
    case 'key':
      return <KeyForm t={t} />;
    case 'import':
      return <ImportView t={t} />;
    case 'google':
      return <GoogleView t={t} />;
  }
}

/** "Paste a link": links typed or pasted are the person's own doing, so they are added at once. */
function PasteForm({ t }: { t: Strings }) {
  const store = useStore();
  const mac = useAppState((s) => s.mac);
  const [links, setLinks] = useState('');
  const [error, setError] = useState<ErrorInfo | undefined>();
  const described = describedBy('links-error', error);
  return (
    <form
      className="method-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        const report = await unwrap(window.keyfob.addFromText(links), setError);
        if (!report) return;
        if (report.entries.some((x) => x.status === 'added')) setLinks('');
        afterAdding(store, report);
      }}
    >
      <label htmlFor="links">{t.pasteLabel}</label>
      <p className="help" id="links-help">
        {t.pasteHelp}
      </p>
      <textarea
        id="links"
        rows={4}
        value={links}
        aria-describedby={described['aria-describedby'] ? 'links-help links-error' : 'links-help'}
        aria-invalid={described['aria-invalid']}
        aria-keyshortcuts={mac ? 'Meta+Enter' : 'Control+Enter'}
        onChange={(e) => setLinks(e.target.value)}
        onKeyDown={(e) => {
          // Enter alone starts a new line (one link per line); with Ctrl/Cmd it adds, as the button does.
          const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
          if (e.key !== 'Enter' || !mod || e.altKey || e.shiftKey) return;
          e.preventDefault();
          if (links.trim() !== '') e.currentTarget.form?.requestSubmit();
        }}
        spellCheck={false}
      />
      <FieldError id="links-error" error={error} t={t} />
      <button type="submit" className="primary" disabled={links.trim() === ''}>
        {t.addLinks}
      </button>
    </form>
  );
}
