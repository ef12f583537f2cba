/** `dist/cdn/chunks/reactive-element.js`: Lit's ReactiveElement, the base every element file of the loader shares. */
export * from '@lit/reactive-element';
