import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState } from '../../store/react';
import { unwrap } from '../../store/store';
import { DropZone } from '../../ui/DropZone';
import { CameraScan } from './camera/CameraScan';
import { describedBy, FieldError } from './FieldError';

/**
 * The ways of reading a QR code (the screen, the camera, images), shared by "Scan the screen", "Camera",
 * "Image" and Google Authenticator's transfer. What they find waits for the person's word (LinkRequests, shown
 * just below them); what went wrong is said beside the button that was pressed.
 */

/** "Scan the screen" and what it found or why it found nothing. */
export function ScreenScan({ t, id }: { t: Strings; id: string }) {
  const [found, setFound] = useState<number | undefined>();
  const waiting = useAppState((s) => s.links.length > 0);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="method-action">
      <button
        type="button"
        className="primary"
        disabled={busy}
        aria-busy={busy || undefined}
        {...describedBy(`${id}-error`, error)}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          setFound(undefined);
          const r = await unwrap(window.keyfob.scanScreen(), setError);
          setBusy(false);
          if (r) setFound(r.found);
        }}
      >
        {t.scanScreen}
      </button>
      <FieldError id={`${id}-error`} error={error} t={t} />
      {/* Said while the codes found wait for an answer below: once each is added or declined, it has done its job.
          Nothing new found (the codes were already waiting) is not news: the codes below say it. */}
      {found !== undefined && found > 0 && waiting && (
        <p role="status" className="method-status">
          {t.screenFound(found)}
        </p>
      )}
    </div>
  );
}

/** Image files chosen or dropped here (several at once): each is read in main, its codes offered to confirm. */
export function ImagePick({ t, id, multiple = false }: { t: Strings; id: string; multiple?: boolean }) {
  const [found, setFound] = useState<number | undefined>();
  const waiting = useAppState((s) => s.links.length > 0);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [busy, setBusy] = useState(false);
  const read = async (files: readonly File[]) => {
    setError(undefined);
    setFound(undefined);
    // Reading a large photo takes a moment: the button says it is at work, so the wait is not taken for nothing.
    setBusy(true);
    let total = 0;
    let failed: ErrorInfo | undefined;
    try {
      for (const file of files) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const r = await unwrap(window.keyfob.scanImage(bytes), (e) => (failed = e));
        if (r) total += r.found;
      }
    } finally {
      setBusy(false);
    }
    // One image without a code among several that had some is not worth an error: the codes found show.
    if (total === 0 && failed) setError(failed);
    else setFound(total);
  };
  // Taken here rather than by the window's own drop (one image), so that several images count as one choice.
  return (
    <DropZone
      className="method-action"
      label={multiple ? t.chooseImages : t.chooseImage}
      accept="image/png,image/jpeg"
      multiple={multiple}
      onFiles={(files) => {
        if (!busy) void read(files);
      }}
    >
      {(choose) => (
        <>
          {/* aria-disabled rather than disabled: the button keeps the keyboard while it works. */}
          <button
            type="button"
            className="primary"
            aria-busy={busy || undefined}
            aria-disabled={busy || undefined}
            {...describedBy(`${id}-error`, error)}
            onClick={() => {
              if (!busy) choose();
            }}
          >
            {multiple ? t.chooseImages : t.chooseImage}
          </button>
          <span className="drop-hint">{multiple ? t.dropImages : t.dropImage}</span>
          {busy && (
            <p role="status" className="method-status">
              {multiple ? t.imagesReading : t.imageReading}
            </p>
          )}
          <FieldError id={`${id}-error`} error={error} t={t} />
          {found !== undefined && found > 0 && waiting && (
            <p role="status" className="method-status">
              {t.imageFound(found)}
            </p>
          )}
        </>
      )}
    </DropZone>
  );
}

/** The camera, started as soon as the view opens (unless `start` is false); Cancel or Escape stops it, and the button starts it again. */
export function CameraPick({ t, id, start = true }: { t: Strings; id: string; start?: boolean }) {
  const [scanning, setScanning] = useState(start);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const button = useRef<HTMLButtonElement>(null);
  const stop = () => {
    setScanning(false);
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <div className="method-action">
      {scanning && (
        <CameraScan
          t={t}
          onClose={stop}
          onFound={async (texts) => {
            stop();
            // Like every code found (image, screen), it is added only once the person confirms it below.
            await unwrap(window.keyfob.offerCodes(texts), setError);
          }}
        />
      )}
      {/* While the scanner is open its own buttons (Try again, Cancel) are the way on: a second, disabled
          "Scan with camera" under them would only be one more thing to read. */}
      {!scanning && (
        <button
          ref={button}
          type="button"
          onClick={() => {
            setError(undefined);
            setScanning(true);
          }}
          {...describedBy(`${id}-error`, error)}
        >
          {t.cameraScan}
        </button>
      )}
      <FieldError id={`${id}-error`} error={error} t={t} />
    </div>
  );
}
