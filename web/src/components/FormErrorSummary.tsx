/**
 * The summary at the top of a form that found errors on submit (「入力内容を確認してください（7件）。」), inside a
 * live region that is always present. At each submit that finds errors it takes the focus and scrolls to the top of
 * the screen, so that a sighted user sees it and a screen reader reads it — instead of staying on the submit button
 * far below. Errors that appear while the user types (after a first submit) do not move the focus.
 */
import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  /** The summary sentence; null when the form has no error. */
  message: string | null;
  /** How many times the form was submitted: the summary takes the focus when it changes and there are errors. */
  submitCount: number;
  /** More under the sentence (the list of errors). */
  children?: ReactNode;
};

/** Takes a message box into view and gives it the focus (it has tabIndex -1): after a submit that failed. */
export function revealMessage(element: HTMLElement | null) {
  if (!element) return;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'start' });
}

export function FormErrorSummary({ message, submitCount, children }: Props) {
  const summary = useRef<HTMLDivElement>(null);
  const handledSubmit = useRef(submitCount);
  const isShown = message !== null;
  useEffect(() => {
    if (submitCount === handledSubmit.current) return;
    handledSubmit.current = submitCount;
    if (isShown) revealMessage(summary.current);
  }, [submitCount, isShown]);
  return (
    <div className="alert-region" role="alert">
      {isShown ? (
        <div
          ref={summary}
          className="alert alert-error form-error-summary"
          tabIndex={-1}
          style={{ scrollMarginTop: '1rem' }}
        >
          <p>{message}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}
