import { useId, useState } from 'react';
import type { Strings } from '../../i18n/strings';
import { describedBy, FieldError } from '../add/FieldError';

/**
 * A form's own checks (its `noValidate` turns the browser's off: its bubble follows the browser's language, not
 * the app's, and looks like none of the app's errors). `problems` says, for each field by name, what is wrong
 * with it now; nothing is shown until the first submit, then each problem shows beside its field and goes as
 * soon as the field is put right.
 */
export function useFieldChecks<K extends string>(
  problems: Partial<Record<K, string | undefined>>,
  t: Strings,
) {
  const [shown, setShown] = useState(false);
  const prefix = useId();
  const idOf = (k: K) => `${prefix}-${k}`;
  const problemOf = (k: K) => (shown ? problems[k] : undefined);
  return {
    /** The props that name the field and tie it to its problem. */
    field: (k: K) => ({ name: k, ...describedBy(idOf(k), problemOf(k)) }),
    /** The problem beside the field. */
    error: (k: K) => <FieldError id={idOf(k)} error={problemOf(k)} t={t} />,
    /** On submit: true when nothing is wrong; otherwise shows every problem and focuses the first such field. */
    passes(form: HTMLFormElement): boolean {
      setShown(true);
      const wrong = (name: string) => problems[name as K] !== undefined;
      if (!Object.keys(problems).some(wrong)) return true;
      Array.from(form.elements)
        .find((el): el is HTMLInputElement => el instanceof HTMLInputElement && wrong(el.name))
        ?.focus();
      return false;
    },
    /** A form emptied or filled afresh: nothing shown until its next submit. */
    reset: () => setShown(false),
  };
}

/** A field the person must fill in: its problem when empty. */
export function needed(value: string, t: Strings): string | undefined {
  return value.trim() === '' ? t.fieldNeeded : undefined;
}

/**
 * A code as Cognito takes it, six digits; the spaces or dashes of one pasted from a message or an app go. Room
 * for those is what the fields' maxLength leaves, and it is main's own limit, so nothing typed reaches main's
 * refusal of an answer it cannot read.
 */
export const CODE_MAX_LENGTH = 16;
export function codeDigits(value: string): string {
  return value.replace(/[\s-]/g, '');
}
export function codeProblem(value: string, t: Strings): string | undefined {
  return /^\d{6}$/.test(codeDigits(value)) ? undefined : t.codeSixDigits;
}
