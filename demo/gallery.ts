/** State gallery: every element in every state, side by side. Only the "validation errors" state needs a nudge. */
import '../src/define.js';

void customElements.whenDefined('leap-incentive-checker').then(async () => {
  const checker = document.querySelector<HTMLElementTagNameMap['leap-incentive-checker']>(
    'leap-incentive-checker#validating',
  );
  if (!checker) return;
  await checker.updateComplete;
  // check() validates first; the form stays on screen with its messages.
  await checker.check().catch(() => undefined);
});
