/**
 * Whether a print is under way, known from the page's start. The print report loads on
 * first use (app/lazy.tsx): a print started before it arrived would otherwise go unseen,
 * and the report would never show the findings and steps.
 */
let printing = false;

if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    printing = true;
  });
  window.addEventListener('afterprint', () => {
    printing = false;
  });
}

/** True between a beforeprint and its afterprint. */
export function printInProgress(): boolean {
  return printing;
}
