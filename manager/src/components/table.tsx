import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** A column's head: its text, or its text with a class (`num` for a column of figures); `false` leaves it out. */
export type Column = string | { head: string; className: string } | false;

/** The head of a column of figures (right-aligned, like its cells). */
export const num = (head: string): Column => ({ head, className: 'num' });

/**
 * A table of the manager's page: it scrolls sideways when the screen is too narrow, has one row of
 * column heads, and takes the caller's rows as its body.
 */
export function Table({ className, testId, columns, children }: { className?: string; testId?: string; columns: Column[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <thead>
          <tr>
            {columns.map(
              (c, i) =>
                c !== false && (
                  <th key={i} scope="col" className={typeof c === 'string' ? undefined : c.className}>
                    {typeof c === 'string' ? c : c.head}
                  </th>
                ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

type RowActionProps = { text: string; label: string; danger?: boolean } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className' | 'aria-label' | 'children'>;

/** A button among the actions of a row (of a table or a list): its short text, and a name that says which row it acts on (`label`). */
export function RowAction({ text, label, danger, ...button }: RowActionProps) {
  return (
    <button type="button" className={danger ? 'button small danger-outline' : 'button small'} aria-label={label} {...button}>
      {text}
    </button>
  );
}
