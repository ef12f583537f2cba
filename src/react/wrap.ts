/**
 * What every React wrapper shares: the wrapper type, events typed from the elements' event map, and the registration
 * of the wrapper's own tag. Each wrapper is its own module and registers only its tag when it is imported, so an app
 * that renders one element bundles that element (and Lit), not the family.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { defineElement } from '../define-element.js';
import type { LeapEventName } from '../elements/shared/events.js';

/** The `onLeap…` props of a wrapper and the event each listens to. */
export type EventProps = Record<string, LeapEventName>;
type Events<M extends EventProps> = { [P in keyof M]: GlobalEventHandlersEventMap[M[P]] };
type ElementProps<I> = Partial<Omit<I, keyof HTMLElement>>;

/**
 * A wrapper component: the element's properties as props (set as properties, so arrays and objects pass as they are),
 * `E`'s events as `onLeap…` handler props, and a ref to the element. Declared here rather than taken from
 * `@lit/react`, which is bundled into this entry and not installed with the package.
 */
export type LeapReactComponent<
  I extends HTMLElement,
  E extends Record<string, Event>,
> = React.ForwardRefExoticComponent<
  Omit<React.HTMLAttributes<I>, keyof E | keyof ElementProps<I>> &
    ElementProps<I> & { [K in keyof E]?: (event: E[K]) => void } & React.RefAttributes<I>
>;

/** Registers `tag` (safe when another copy did) and returns its React wrapper. */
export function wrap<I extends HTMLElement, M extends EventProps>(
  tagName: string,
  elementClass: { new (): I },
  displayName: string,
  events: M,
): LeapReactComponent<I, Events<M>> {
  defineElement(tagName, elementClass);
  return createComponent({
    react: React,
    tagName,
    elementClass,
    displayName,
    // @lit/react brands event names with their event type; the names themselves are the plain strings.
    events: events as unknown as { [P in keyof M]: EventName<Events<M>[P]> },
  }) as unknown as LeapReactComponent<I, Events<M>>;
}
