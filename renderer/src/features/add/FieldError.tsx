import type { ErrorInfo } from '../../../../preload/api';
import { errorText } from '../../i18n';
import type { Strings } from '../../i18n/strings';

/**
 * An error beside the field or button it is about (that control names it with aria-describedby), in the
 * window's language, so it is read where the person is looking rather than at the top of the page.
 */
export function FieldError({
  id,
  error,
  t,
}: {
  id: string;
  error: ErrorInfo | string | undefined;
  t: Strings;
}) {
  if (error === undefined) return null;
  const words = typeof error === 'string' ? { message: error } : errorText(error, t.lang);
  return (
    <p id={id} className="field-error" role="alert">
      {words.message}
      {words.hint && <span className="field-hint"> {words.hint}</span>}
    </p>
  );
}

/** The props that tie a control to its error. */
export function describedBy(
  id: string,
  error: unknown,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': id };
}
