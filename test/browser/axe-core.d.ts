// axe-core's browser build registers window.axe when imported; it has no module exports of its own.
declare module 'axe-core/axe.min.js';
