import type { ReactNode } from 'react';

/** One line of a facts list (`<dl className="facts">`): what, then its value. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
