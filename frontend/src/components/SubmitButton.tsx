import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './Spinner';

/** A button that shows progress and refuses double submits while its operation runs. */
export function BusyButton({
  busy,
  busyLabel,
  children,
  className = 'btn btn-primary',
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean; busyLabel?: string }) {
  return (
    <button className={className} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy && <Spinner />}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
