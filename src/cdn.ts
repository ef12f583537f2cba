/** The CDN bundle: everything registered, Lit inlined, one file for a plain `<script type="module">`. */
import './define.js';
export * from './index.js';
