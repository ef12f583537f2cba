/**
 * Where the checker moves focus, as the templates render it: the shell owns one Lit ref per target and hands them to
 * the templates, which attach them; the controller only says which target should have focus after the next render.
 */
import { createRef, type Ref } from 'lit/directives/ref.js';
import { ADDRESS_FIELDS, type AddressField } from '../../core/address.js';

/** The answer region, the answer's heading, the error message, or an address field. */
export type FocusTarget = 'outcome' | 'result' | 'error' | AddressField;

export class FocusTargets {
  readonly outcome: Ref<HTMLElement> = createRef();
  readonly result: Ref<HTMLElement> = createRef();
  readonly error: Ref<HTMLElement> = createRef();
  readonly fields = Object.fromEntries(ADDRESS_FIELDS.map(({ name }) => [name, createRef<HTMLElement>()])) as Readonly<
    Record<AddressField, Ref<HTMLElement>>
  >;

  /** The rendered element of `target`, if the last render has one. */
  element(target: FocusTarget): HTMLElement | undefined {
    if (target === 'outcome' || target === 'result' || target === 'error') return this[target].value;
    return this.fields[target].value;
  }
}
