import type { ReactNode } from 'react';
import type { Strings } from '../../i18n/strings';

/**
 * locked: waits for the step before (`why` says for what); current: the person's turn; running: main is at
 * work; done ✓; failed ✗ (the body says why and what to do); skipped: the pool never asked for it.
 */
export type StepStatus = 'locked' | 'current' | 'running' | 'done' | 'failed' | 'skipped';

export interface Step {
  id: string;
  title: string;
  status: StepStatus;
  /** For a locked or skipped step: what unlocks it, or why it was not needed. */
  why?: string;
  body?: ReactNode;
}

const MARK: Record<StepStatus, string | undefined> = {
  locked: undefined,
  current: undefined,
  running: undefined,
  done: '✓',
  failed: '✗',
  skipped: '–',
};

function stateWord(status: StepStatus, t: Strings): string {
  switch (status) {
    case 'locked':
      return t.stepLocked;
    case 'current':
      return t.stepCurrent;
    case 'running':
      return t.stepRunning;
    case 'done':
      return t.done;
    case 'failed':
      return t.stepFailed;
    case 'skipped':
      return t.stepSkipped;
  }
}

/**
 * The steps of an enrollment or a sign-in, one after another. Each says in words where it stands (not only by
 * colour or mark), and the one that needs the person is `aria-current="step"`.
 */
export function Stepper({ steps, t, label }: { steps: Step[]; t: Strings; label: string }) {
  return (
    <ol className="stepper" aria-label={label}>
      {steps.map((s, i) => {
        const mine = s.status === 'current' || s.status === 'running' || s.status === 'failed';
        return (
          <li
            key={s.id}
            className={`step step-${s.status}`}
            aria-current={mine ? 'step' : undefined}
            // Focusable by script only: where the focus goes when the form it was in is gone.
            tabIndex={mine ? -1 : undefined}
            data-step={s.id}
          >
            <div className="step-head">
              <span className="step-mark" aria-hidden="true">
                {MARK[s.status] ?? i + 1}
              </span>
              <h3 className="step-title">{s.title}</h3>
              {/* "Done ✓ Done" says nothing twice: the last step's title is its state already. */}
              {stateWord(s.status, t) !== s.title && (
                <span className="step-state">{stateWord(s.status, t)}</span>
              )}
            </div>
            {(s.status === 'locked' || s.status === 'skipped') && s.why && (
              <p className="step-why">{s.why}</p>
            )}
            {s.status !== 'locked' && s.body !== undefined && <div className="step-body">{s.body}</div>}
          </li>
        );
      })}
    </ol>
  );
}
