import { useRef, useState } from 'react';
import type { ImportReport } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { accountName as name } from '../../ui/format';
import { addImage } from '../import/incoming';
import { ReportView } from '../import/ReportView';
import { CameraScan } from './camera/CameraScan';

const BASE32 = /^[A-Z2-7]*=*$/;

/** The ways to add accounts, one section each, with the last result above them. */
export function AddScreen({ t }: { t: Strings }) {
  const store = useStore();
  const report = useAppState((s) => s.report);
  const onReport = (r: ImportReport) => store.update({ report: r });
  const [links, setLinks] = useState('');
  const [issuer, setIssuer] = useState('');
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<'totp' | 'hotp'>('totp');
  const [algorithm, setAlgorithm] = useState<'SHA1' | 'SHA256' | 'SHA512'>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const normalised = secret.replace(/[\s-]/g, '').toUpperCase();
  const keyError = normalised !== '' && !BASE32.test(normalised) ? t.keyInvalid : undefined;
  const fileInput = useRef<HTMLInputElement>(null);
  const [scanning, setScanning] = useState(false);
  const scanButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      {report && <ReportView report={report} t={t} />}
      <div className="add">
        {scanning && (
          <CameraScan
            t={t}
            onClose={() => {
              setScanning(false);
              requestAnimationFrame(() => scanButton.current?.focus());
            }}
            onFound={async (texts) => {
              setScanning(false);
              requestAnimationFrame(() => scanButton.current?.focus());
              // Like every code found (image, screen), it is added only once the person confirms it above.
              await store.call(window.keyfob.offerCodes(texts));
            }}
          />
        )}
        <section aria-labelledby="screen-title">
          <h2 id="screen-title">{t.screenTitle}</h2>
          <p className="help">{t.screenHelp}</p>
          <button
            type="button"
            className="primary"
            onClick={async () => {
              const r = await store.call(window.keyfob.scanScreen());
              if (r) store.notify({ kind: 'ok', phrases: [{ key: 'screenFound', args: [r.found] }] });
            }}
          >
            {t.scanScreen}
          </button>
        </section>
        <section aria-labelledby="image-title">
          <h2 id="image-title">{t.imageTitle}</h2>
          <p className="help">{t.imageHelp}</p>
          <input
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg"
            className="visually-hidden"
            aria-label={t.chooseImage}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void addImage(store, file);
              e.target.value = '';
            }}
          />
          <div className="row-buttons">
            <button type="button" onClick={() => fileInput.current?.click()}>
              {t.chooseImage}
            </button>
            <button ref={scanButton} type="button" onClick={() => setScanning(true)} disabled={scanning}>
              {t.cameraScan}
            </button>
          </div>
        </section>

        <section aria-labelledby="paste-title">
          <h2 id="paste-title">{t.pasteTitle}</h2>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const report = await store.call(window.keyfob.addFromText(links));
              if (report) {
                onReport(report);
                if (report.entries.some((x) => x.status === 'added')) setLinks('');
              }
            }}
          >
            <label htmlFor="links">{t.pasteLabel}</label>
            <p className="help" id="links-help">
              {t.pasteHelp}
            </p>
            <textarea
              id="links"
              rows={3}
              value={links}
              aria-describedby="links-help"
              onChange={(e) => setLinks(e.target.value)}
              spellCheck={false}
            />
            <button type="submit" className="primary" disabled={links.trim() === ''}>
              {t.addLinks}
            </button>
          </form>
        </section>

        <section aria-labelledby="key-title">
          <h2 id="key-title">{t.keyTitle}</h2>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (keyError) return;
              const added = await store.call(
                window.keyfob.addFromKey({ issuer, label, secret, type, algorithm, digits, period }),
              );
              if (added) {
                // Added beside an account of the same name: the report says so, as an import's would.
                const { reason, reasonKey, reasonParams } = added;
                const note = {
                  ...(reason !== undefined ? { reason } : {}),
                  ...(reasonKey !== undefined ? { reasonKey } : {}),
                  ...(reasonParams !== undefined ? { reasonParams } : {}),
                };
                onReport({
                  entries: [{ name: name(added), status: 'added', id: added.id, ...note }],
                  missing: [],
                });
                setIssuer('');
                setLabel('');
                setSecret('');
              }
            }}
          >
            <label>
              {t.issuer}
              <input value={issuer} onChange={(e) => setIssuer(e.target.value)} autoComplete="off" />
            </label>
            <label>
              {t.account}
              <input value={label} onChange={(e) => setLabel(e.target.value)} required autoComplete="off" />
            </label>
            <label>
              {t.key}
              <input
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                required
                autoComplete="off"
                spellCheck={false}
                aria-invalid={keyError !== undefined}
                aria-describedby={keyError ? 'key-error' : undefined}
              />
            </label>
            {keyError && (
              <p id="key-error" className="field-error">
                {keyError}
              </p>
            )}
            <details>
              <summary>{t.advanced}</summary>
              <label>
                {t.type}
                <select value={type} onChange={(e) => setType(e.target.value as 'totp' | 'hotp')}>
                  <option value="totp">TOTP</option>
                  <option value="hotp">HOTP</option>
                </select>
              </label>
              <label>
                {t.algorithm}
                <select value={algorithm} onChange={(e) => setAlgorithm(e.target.value as typeof algorithm)}>
                  <option>SHA1</option>
                  <option>SHA256</option>
                  <option>SHA512</option>
                </select>
              </label>
              <label>
                {t.digits}
                <select value={digits} onChange={(e) => setDigits(Number(e.target.value))}>
                  <option value={6}>6</option>
                  <option value={7}>7</option>
                  <option value={8}>8</option>
                </select>
              </label>
              <label>
                {t.period}
                <input
                  type="number"
                  min={1}
                  value={period}
                  onChange={(e) => setPeriod(Number(e.target.value))}
                />
              </label>
            </details>
            <button type="submit" className="primary" disabled={keyError !== undefined}>
              {t.add}
            </button>
          </form>
        </section>
      </div>
    </>
  );
}
