/**
 * Adding an account by holding its QR code up to the camera: a live preview, a few frames a second read by a
 * worker (qr-worker.ts, the same pipeline as images and screen captures), and the camera turned off the moment a setup code is found, on Cancel, on an error, and
 * when the component goes away. The camera light going out is how people know they are no longer filmed.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import type { Strings, Strings as CameraStrings } from '../../../i18n/strings';
import type { FrameRequest, FrameResult } from './qr-worker';

/** What Keyfob can add: one account's link, or a Google Authenticator export. */
const SETUP_CODE = /^otpauth(-migration)?:\/\//i;
/** Frames are scaled down to this many pixels on their longer side: enough for a code filling a tenth of it. */
const MAX_SIDE = 1280;
/** A few reads a second find a code as soon as it is steady, and leave the processor mostly idle. */
const FRAME_INTERVAL_MS = 200;
/** How long "not a setup code" stays up after that code was last seen. */
const HINT_MS = 4000;

type Failure = 'denied' | 'missing' | 'busy' | 'unsupported' | 'decoder' | 'failed';

type Phase =
  | { kind: 'starting' }
  | { kind: 'scanning' }
  | { kind: 'found' }
  | { kind: 'error'; failure: Failure; reason?: string };

type Surface = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function failureOf(error: unknown): { failure: Failure; reason?: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    // SecurityError: the page's permissions policy (or a non-secure page) rules the camera out altogether.
    case 'NotAllowedError':
    case 'SecurityError':
      return { failure: 'denied' };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { failure: 'missing' };
    case 'NotReadableError':
    case 'AbortError':
      return { failure: 'busy' };
    default:
      return { failure: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** willReadFrequently keeps the canvas in memory the CPU reads, rather than reading back from the GPU each frame. */
function drawingSurface(width: number, height: number): Surface | null {
  if (typeof OffscreenCanvas === 'function') {
    return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d', { willReadFrequently: true });
}

const previewStyle: CSSProperties = {
  display: 'block',
  width: '100%',
  maxHeight: '50vh',
  aspectRatio: '4 / 3',
  objectFit: 'contain',
  background: '#000',
  borderRadius: 8,
};

const alertStyle: CSSProperties = {
  borderLeft: '3px solid var(--danger)',
  paddingLeft: 8,
};

function FailureText({ phase, c }: { phase: Extract<Phase, { kind: 'error' }>; c: CameraStrings }) {
  switch (phase.failure) {
    case 'denied':
      return (
        <>
          <p>{c.cameraDenied}</p>
          <p>{c.cameraAllowIntro}</p>
          <ul>
            <li>{c.cameraAllowWindows}</li>
            <li>{c.cameraAllowMac}</li>
            <li>{c.cameraAllowLinux}</li>
          </ul>
        </>
      );
    case 'missing':
      return <p>{c.cameraMissing}</p>;
    case 'busy':
      return <p>{c.cameraBusy}</p>;
    case 'unsupported':
      return <p>{c.cameraUnsupported}</p>;
    case 'decoder':
      return <p>{c.cameraDecoderFailed}</p>;
    case 'failed':
      return <p>{c.cameraFailed(phase.reason ?? '')}</p>;
  }
}

export function CameraScan({
  t,
  onFound,
  onClose,
}: {
  t: Strings;
  /** The setup codes in the frame (otpauth:// or otpauth-migration:// links), to confirm; the camera is off. */
  onFound: (texts: string[]) => void;
  /** Cancel was chosen (or Escape pressed); the camera is already off. */
  onClose: () => void;
}) {
  const c: CameraStrings = t;
  const titleId = useId();
  const helpId = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const stopRef = useRef<() => void>(() => {});
  // The parent's callbacks change on every render; the camera must not restart for that.
  const onFoundRef = useRef(onFound);
  useLayoutEffect(() => {
    onFoundRef.current = onFound;
  });
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [notSetup, setNotSetup] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // Keyboard and screen reader users land on what just opened, not on a button that was replaced.
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    const video = videoRef.current;
    let stopped = false;
    let stream: MediaStream | undefined;
    let worker: Worker | undefined;
    let frameTimer: ReturnType<typeof setTimeout> | undefined;
    let hintTimer: ReturnType<typeof setTimeout> | undefined;
    let surface: Surface | null = null;
    let frameId = 0;

    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(frameTimer);
      clearTimeout(hintTimer);
      worker?.terminate();
      for (const track of stream?.getTracks() ?? []) track.stop();
      video?.pause();
    };
    stopRef.current = stop;

    const fail = (failure: Failure, reason?: string) => {
      if (stopped) return;
      stop();
      setPhase(reason === undefined ? { kind: 'error', failure } : { kind: 'error', failure, reason });
    };

    const next = () => {
      if (!stopped) frameTimer = setTimeout(grab, FRAME_INTERVAL_MS);
    };

    const grab = () => {
      if (stopped || !video || !worker) return;
      const { videoWidth, videoHeight } = video;
      if (videoWidth === 0 || videoHeight === 0 || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
        next();
        return;
      }
      const scale = Math.min(1, MAX_SIDE / Math.max(videoWidth, videoHeight));
      const width = Math.round(videoWidth * scale);
      const height = Math.round(videoHeight * scale);
      if (!surface || surface.canvas.width !== width || surface.canvas.height !== height) {
        surface = drawingSurface(width, height);
      }
      if (!surface) {
        fail('decoder');
        return;
      }
      surface.drawImage(video, 0, 0, width, height);
      const { data } = surface.getImageData(0, 0, width, height);
      const request: FrameRequest = { id: ++frameId, width, height, data: data.buffer };
      // One frame in flight at a time: a slow machine reads fewer frames instead of queueing stale ones.
      worker.postMessage(request, [request.data]);
    };

    const read = (result: FrameResult) => {
      if (stopped) return;
      const texts = result.texts.map((t) => t.trim()).filter((t) => t !== '');
      const setup = texts.filter((t) => SETUP_CODE.test(t));
      if (setup.length > 0) {
        stop();
        setPhase({ kind: 'found' });
        onFoundRef.current(setup);
        return;
      }
      if (texts.length > 0) {
        setNotSetup(true);
        clearTimeout(hintTimer);
        hintTimer = setTimeout(() => setNotSetup(false), HINT_MS);
      }
      next();
    };

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        fail('unsupported');
        return;
      }
      let media: MediaStream;
      try {
        media = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
      } catch (error) {
        const { failure, reason } = failureOf(error);
        fail(failure, reason);
        return;
      }
      if (stopped) {
        // Cancelled, or unmounted, while the permission prompt was open: the camera must not stay on.
        for (const track of media.getTracks()) track.stop();
        return;
      }
      stream = media;
      for (const track of media.getVideoTracks()) {
        // Fires only when the camera goes away by itself (unplugged, taken by the system), never on our stop().
        track.addEventListener('ended', () => fail('missing'));
      }
      try {
        worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
      } catch {
        fail('decoder');
        return;
      }
      worker.onmessage = (event: MessageEvent<FrameResult>) => read(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        fail('decoder');
      };
      if (video) {
        video.srcObject = media;
        try {
          await video.play();
        } catch {
          // Interrupted by stop() or a new srcObject; the frame loop only reads frames that arrived anyway.
        }
      }
      if (stopped) return;
      setPhase({ kind: 'scanning' });
      grab();
    };

    void start();
    return stop;
  }, [attempt]);

  const cancel = () => {
    stopRef.current();
    onClose();
  };

  const status =
    phase.kind === 'starting'
      ? c.cameraStarting
      : phase.kind === 'scanning'
        ? notSetup
          ? c.cameraNotSetup
          : c.cameraLooking
        : phase.kind === 'found'
          ? c.cameraFound
          : '';

  return (
    <section
      className="camera"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        }
      }}
    >
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {c.cameraTitle}
      </h2>
      <p className="help" id={helpId}>
        {c.cameraHelp}
      </p>
      <video
        ref={videoRef}
        muted
        playsInline
        aria-label={c.cameraPreview}
        aria-describedby={helpId}
        style={{ ...previewStyle, display: phase.kind === 'error' ? 'none' : 'block' }}
      />
      <p role="status" className={notSetup && phase.kind === 'scanning' ? 'warning' : 'help'}>
        {status}
      </p>
      <div role="alert" style={phase.kind === 'error' ? alertStyle : undefined}>
        {phase.kind === 'error' && <FailureText phase={phase} c={c} />}
      </div>
      <div className="actions">
        {phase.kind === 'error' && phase.failure !== 'unsupported' && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setNotSetup(false);
              setPhase({ kind: 'starting' });
              setAttempt((n) => n + 1);
            }}
          >
            {c.cameraRetry}
          </button>
        )}
        <button type="button" onClick={cancel}>
          {t.cancel}
        </button>
      </div>
    </section>
  );
}
