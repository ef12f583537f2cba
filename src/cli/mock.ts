/** `leap-elements mock`: the mock Leap on its own port (the command lives with the mock, in src/mock/run.ts). */
export { runMock } from '../mock/run.js';
