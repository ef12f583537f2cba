/**
 * `dist/cdn/chunks/lit.js`: the rest of Lit the element files of the loader use (lit-html, LitElement, the ifDefined
 * and ref directives, @lit/task), over `reactive-element.js`. Only what the elements import: a missing name fails the build.
 */
export { css, html, LitElement, nothing } from 'lit';
export { ifDefined } from 'lit/directives/if-defined.js';
export { createRef, ref } from 'lit/directives/ref.js';
export { Task, TaskStatus } from '@lit/task';
