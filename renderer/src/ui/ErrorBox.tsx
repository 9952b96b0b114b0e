import type { ErrorInfo } from '../../../preload/api';
import { errorText } from '../i18n';
import type { Strings } from '../i18n/strings';

/** An error in the window's language, with what the service said when it came from Cognito. */
export function ErrorBox({ error, t }: { error: ErrorInfo; t: Strings }) {
  const words = errorText(error, t.lang);
  return (
    <div className="notice error" role="alert">
      <span>{words.message}</span>
      {words.hint && <span className="hint">{words.hint}</span>}
      {error.service && (
        <span className="hint service">
          {t.serviceSaid}: {error.service.name}: {error.service.message}
        </span>
      )}
    </div>
  );
}
