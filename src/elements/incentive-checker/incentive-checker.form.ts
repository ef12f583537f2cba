/**
 * The checker's form: the address fields (unless the address comes from the page's own form), the building type and
 * the submit button. Pure templates over what the element passes in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import {
  ADDRESS_FIELDS,
  BUILDING_TYPES,
  type AddressField,
  type AddressFieldSpec,
  type BuildingType,
} from '../../core/address.js';
import { countryName } from '../../core/format.js';
import type { CommonStrings } from '../shared/strings.js';
import type { AddressValues, FieldIssue } from './address-form.js';
import type { FocusTargets } from './focus-targets.js';
import type { CheckerStrings } from './incentive-checker.strings.js';

type Strings = CheckerStrings & CommonStrings;

/** What the form shows and where its input goes. */
export interface FormView {
  strings: Strings;
  locale: string;
  /** Null: the address comes from the page's form, so none of its fields are shown. */
  address: { values: AddressValues; errors: Partial<Record<AddressField, FieldIssue>> } | null;
  /** Null when `building-type` is fixed. */
  buildingType: BuildingType | null;
  pending: boolean;
  /** Without a submit button (checks run by themselves). */
  automatic: boolean;
  onInput(field: AddressField, value: string): void;
  onBuildingType(type: BuildingType): void;
  onSubmit(event: SubmitEvent): void;
}

/** Columns of six: city, state and ZIP share a row, the ZIP wide enough for "Código postal" on one line. */
const LAYOUT: Readonly<Record<AddressField, string>> = {
  street_1: 'wide',
  street_2: 'wide',
  city: 'half',
  state_or_province_code: 'small',
  postal_code: 'third',
  country_code: 'third',
};

/** The form; `targets`: the refs its fields take, for focus on the field at fault. */
export function formTemplate(view: FormView, targets: FocusTargets): TemplateResult {
  const strings = view.strings;
  return html`
    <form part="form" class="form" novalidate @submit=${view.onSubmit} aria-busy=${view.pending ? 'true' : 'false'}>
      <div class="grid">
        ${view.address ? ADDRESS_FIELDS.map((field) => fieldTemplate(field, view, view.address!, targets)) : nothing}
        ${view.buildingType ? buildingTypeTemplate(view.buildingType, view) : nothing}
      </div>
      ${
        view.automatic
          ? nothing
          : html`<button part="submit" class="submit" type="submit" aria-disabled=${view.pending ? 'true' : 'false'}>
              ${view.pending ? strings.submitting : strings.submit}
            </button>`
      }
    </form>
  `;
}

function buildingTypeTemplate(current: BuildingType, view: FormView): TemplateResult {
  const strings = view.strings;
  return html`<div part="field" class="field wide">
    <label part="label" for="building_type">${strings.buildingType}</label>
    <select
      part="input"
      id="building_type"
      name="building_type"
      .value=${current}
      @change=${(e: Event) => view.onBuildingType((e.target as HTMLSelectElement).value as BuildingType)}
    >
      ${BUILDING_TYPES.map(
        (type) => html`<option value=${type} ?selected=${type === current}>${strings.buildingTypes[type]}</option>`,
      )}
    </select>
  </div>`;
}

/** The checker's own label of an address field. */
export const fieldLabel = (field: AddressField, strings: Strings): string => LABELS[field](strings);

const LABELS: Readonly<Record<AddressField, (strings: Strings) => string>> = {
  street_1: (strings) => strings.street1,
  street_2: (strings) => strings.street2,
  city: (strings) => strings.city,
  state_or_province_code: (strings) => strings.state,
  postal_code: (strings) => strings.postalCode,
  country_code: (strings) => strings.country,
};

function fieldTemplate(
  field: AddressFieldSpec,
  view: FormView,
  address: NonNullable<FormView['address']>,
  targets: FocusTargets,
): TemplateResult {
  const strings = view.strings;
  const error = address.errors[field.name];
  const errorId = `${field.name}-error`;
  const value = address.values[field.name];
  const described = ifDefined(error ? errorId : undefined);
  if (field.name === 'country_code' && value.toUpperCase() === 'US') {
    // The one country the checker serves: one line of text under the address, never a one-option select.
    return html`<p part="field" class="country wide">
      <span part="label" class="label">${strings.country}:</span> <span>${strings.unitedStates}</span>
    </p>`;
  }
  // The country's option is selected by its attribute: a `.value` on the select would be set before the option has
  // its value, leaving nothing selected.
  const input =
    field.name === 'country_code'
      ? html`<select
          ${ref(targets.fields[field.name])}
          part="input"
          id=${field.name}
          name=${field.name}
          autocomplete=${field.autocomplete[0]!}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${described}
          @change=${(e: Event) => view.onInput(field.name, (e.target as HTMLSelectElement).value)}
        >
          <option value="US">${strings.unitedStates}</option>
          <option value=${value} selected>${countryName(value, view.locale)}</option>
        </select>`
      : html`<input
          ${ref(targets.fields[field.name])}
          part="input"
          id=${field.name}
          name=${field.name}
          type="text"
          autocomplete=${field.autocomplete[0]!}
          inputmode=${ifDefined(field.name === 'postal_code' ? 'numeric' : undefined)}
          maxlength=${field.name === 'state_or_province_code' ? 30 : field.maxLength}
          ?required=${field.required}
          aria-required=${field.required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${described}
          .value=${value}
          @input=${(e: Event) => view.onInput(field.name, (e.target as HTMLInputElement).value)}
        />`;
  return html`<div part="field" class="field ${LAYOUT[field.name]}">
    <label part="label" for=${field.name}
      >${LABELS[field.name](strings)}${
        // The space is in the binding: one at the start of a template would be dropped by the template minifier.
        field.required ? nothing : html`<span class="muted">${` ${strings.optional}`}</span>`
      }</label
    >
    ${input}
    ${
      error
        ? html`<p part="field-error" class="field-error" id=${errorId}>
            <span class="icon" aria-hidden="true">⚠</span> ${strings.fieldErrors[error]}
          </p>`
        : nothing
    }
  </div>`;
}
