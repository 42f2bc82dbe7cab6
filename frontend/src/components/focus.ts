/** After a failed client-side check, move focus to the first invalid control so it is seen and announced. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  if (!form) return;
  window.setTimeout(() => {
    const target = form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>('.field-error');
    if (!target) return;
    if (!target.matches('input, select, textarea, button')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'center' });
  }, 0);
}
