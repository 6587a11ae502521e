/** A polite live region for success feedback (「保存しました」); always rendered so it is announced. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div className="status-region" role="status">
      {message ? <p className="alert alert-success">{message}</p> : null}
    </div>
  );
}
