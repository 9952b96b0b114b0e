import type { Strings } from '../../i18n/strings';
import { CameraPick, ImagePick, ScreenScan } from '../add/scanners';

/**
 * Moving accounts over from Google Authenticator: where its transfer codes are, then any way of reading them
 * (the screen, the camera, screenshots, several at once). Each code waits below to be confirmed, named "transfer
 * code 2 of 3"; the report names the codes not scanned yet.
 */
export function GoogleView({ t }: { t: Strings }) {
  return (
    <>
      <ol className="steps">
        <li>{t.googleStep1}</li>
        <li>{t.googleStep2}</li>
        <li>{t.googleStep3}</li>
      </ol>
      <div className="google-ways">
        <ScreenScan t={t} id="google-screen" />
        <CameraPick t={t} id="google-camera" start={false} />
        <ImagePick t={t} id="google-images" multiple />
      </div>
    </>
  );
}
