import { expect } from '@open-wc/testing';
import { defineLeapElements, LEAP_ELEMENTS } from '../../src/define.js';
import { captureWarnings } from './helpers.js';

describe('leap-elements/define', () => {
  it('registers every tag', () => {
    for (const [tag, ctor] of Object.entries(LEAP_ELEMENTS)) expect(customElements.get(tag)).to.equal(ctor);
  });

  it('is idempotent: defining again neither throws nor warns', () => {
    const warnings = captureWarnings();
    expect(() => defineLeapElements()).not.to.throw();
    expect(() => defineLeapElements()).not.to.throw();
    expect(warnings.restore()).to.deep.equal([]);
  });
});
