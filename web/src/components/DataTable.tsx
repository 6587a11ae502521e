/**
 * A data table in a region of its own, named by the table's caption and focusable, so that a wide table scrolls
 * sideways by keyboard on a phone. The caption's id and the region's aria-labelledby are the same by construction.
 */
import type { ReactNode } from 'react';

type Props = {
  id: string;
  caption: ReactNode;
  /** The table's classes; by default a data table that stacks its cells on a phone. */
  className?: string;
  /** The table's thead and tbody. */
  children: ReactNode;
};

export function DataTable({ id, caption, className = 'data-table stack-on-phone', children }: Props) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={className}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
