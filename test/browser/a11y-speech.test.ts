/**
 * What screen readers hear: transcripts of every live region (what is said, once, and how politely), and names read
 * from Chromium's own accessibility tree. Each test waits for the state it names, then reads what was said about it.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { clearSessions } from '../../src/elements/shared/session.js';
import type { IncentivesResult } from '../../src/core/types.generated.js';
import { CheckerHarness } from './harness/checker-harness.js';
import { mountWithTranscript } from './harness/live-regions.js';
import { PageForm } from './harness/page-form.js';
import { until } from './harness/until.js';
import { expectNoLitWarnings, stubFetch } from './helpers.js';

const BEND = { street_1: '456 Main St', city: 'Bend', state_or_province_code: 'OR', postal_code: '97701' };
const DAVIS = { street_1: '23 Russell Blvd', city: 'Davis', state_or_province_code: 'CA', postal_code: '95616' };
const SAN_FRANCISCO = {
  street_1: '1 Market St',
  city: 'San Francisco',
  state_or_province_code: 'CA',
  postal_code: '94105',
};

/** A response the test hands out when it is ready. */
function deferred(): { promise: Promise<Response>; resolve(response: Response): void } {
  let resolve!: (response: Response) => void;
  const promise = new Promise<Response>((r) => (resolve = r));
  return { promise, resolve };
}

async function container(): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`<div></div>`);
}

/** Nodes of Chromium's accessibility tree whose name contains `text`. */
async function axNodes(text: string): Promise<Array<{ role: string; name: string }>> {
  return (await executeServerCommand('ax-names', { contains: text })) as Array<{ role: string; name: string }>;
}

describe('what screen readers hear', () => {
  afterEach(() => {
    clearSessions();
    expectNoLitWarnings();
  });

  describe('the status elements', () => {
    for (const [tag, loadedEvent] of [
      ['leap-enrollment-status', 'leap-status'],
      ['leap-application-status', 'leap-applications'],
    ] as const) {
      it(`<${tag}> says it is loading once, politely, then what loaded`, async () => {
        const answer = deferred();
        const stub = stubFetch((url) =>
          url.includes('/session') ? Response.json({ token: 't', reference_id: 'r' }) : answer.promise,
        );
        try {
          const el = document.createElement(tag);
          el.setAttribute('session-endpoint', '/s/session');
          if (tag === 'leap-enrollment-status') el.setAttribute('meter-id', 'm-1');
          const loaded = oneEvent(el, loadedEvent);
          const transcript = mountWithTranscript(el, await container());
          await until(() => transcript.saying('Loading…').length > 0);
          expect(el.shadowRoot!.querySelector('[aria-busy="true"]'), 'still loading').to.exist;
          answer.resolve(
            tag === 'leap-enrollment-status'
              ? Response.json({
                  meter_id: 'm-1',
                  global_enrollment_status: 'ACTIVE',
                  program_enrollment: [],
                  required_actions: { partner: [], leap: [] },
                })
              : Response.json({ results: [{ id: 1, program_id: 1, status: 'submitted' }], next_page_token: null }),
          );
          await loaded;
          await until(() => transcript.said.length >= 2);
          const said = transcript.stop();
          expect(said.filter((entry) => entry.text === 'Loading…')).to.have.length(1);
          expect(
            said.every((entry) => entry.politeness === 'polite'),
            JSON.stringify(said),
          ).to.be.true;
          expect(said.at(-1)!.text).to.not.equal('Loading…');
        } finally {
          stub.restore();
        }
      });
    }

    it('a retry that fails with the same words says them again', async () => {
      const el = document.createElement('leap-application-status');
      el.setAttribute('session-endpoint', '/api/fault/500/leap/session?as=demo-customer');
      const failed = oneEvent(el, 'leap-error');
      const transcript = mountWithTranscript(el, await container());
      await failed;
      const message = () => el.shadowRoot!.querySelector('[part="error"] p')?.textContent?.trim() ?? '';
      await until(() => message() !== '' && transcript.saying(message()).length === 1);
      const again = oneEvent(el, 'leap-error');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await again;
      await until(() => transcript.saying(message()).length === 2);
      expect(transcript.stop().every((entry) => entry.politeness === 'polite')).to.be.true;
    });
  });

  describe('<leap-incentive-checker>', () => {
    it('with address-form, says each automatic outcome once, politely, naming the device and the address', async () => {
      const form = await PageForm.add(
        html`<form id="speech-checkout">
          <label>Street <input autocomplete="address-line1" /></label>
          <label>City <input autocomplete="address-level2" /></label>
          <label>State <input autocomplete="address-level1" /></label>
          <label>ZIP <input autocomplete="postal-code" /></label>
        </form>`,
      );
      const h = CheckerHarness.build({ 'address-form': 'speech-checkout' });
      const transcript = mountWithTranscript(h.element, await container());
      await h.settle();
      const fill = (address: Record<string, string>) =>
        form.fill({
          '[autocomplete="address-line1"]': address.street_1!,
          '[autocomplete="address-level2"]': address.city!,
          '[autocomplete="address-level1"]': address.state_or_province_code!,
          '[autocomplete="postal-code"]': address.postal_code!,
        });

      const place = '456 Main St, Bend';
      const about = () => transcript.saying(place);
      let done = h.waitForResult();
      fill(BEND);
      const result: IncentivesResult = await done;
      const device = result.incentives.by_program
        .flatMap((program) => program.device_tier_results)
        .find((tier) => tier.device_name)?.device_name;
      expect(device, 'the answer names the device').to.be.a('string');
      await until(() => about().length === 1);

      // One edit each: a ZIP Leap does not know, then the right one again. Each outcome is said once.
      const failed = h.waitForError();
      form.fill({ '[autocomplete="postal-code"]': '00000' });
      await failed;
      await until(() => about().length === 2);
      done = h.waitForResult();
      form.fill({ '[autocomplete="postal-code"]': BEND.postal_code });
      await done;
      await until(() => about().length === 3);

      const said = transcript.stop();
      expect(h.$('[role="alert"]'), 'no alert interrupts the typing').to.be.null;
      expect(
        said.every((entry) => entry.politeness === 'polite'),
        JSON.stringify(said),
      ).to.be.true;
      const outcomes = said.filter((entry) => entry.text.includes(place));
      expect(outcomes, JSON.stringify(said)).to.have.length(3);
      expect(outcomes[0]!.text).to.contain(`${device} at ${place}`);
      expect(outcomes[1]!.text).to.not.equal(outcomes[0]!.text);
      expect(outcomes[2]!.text).to.equal(outcomes[0]!.text);
    });

    it('an error the customer asked for is read without the retry button’s words', async () => {
      const h = await CheckerHarness.create({ 'session-endpoint': '/api/fault/500/leap/session' });
      await h.checkFailing(BEND);
      const focused = h.focused();
      expect(focused?.id, 'the message has focus').to.equal('error');
      expect(h.$('[part="retry"]'), 'a retry is offered').to.exist;
      expect(focused!.textContent).to.not.contain('Try again');
      expect(focused!.textContent!.trim()).to.have.length.above(10);
      expect(h.announcement()).to.not.contain('Try again');
    });

    it('the optional field is named with a space before “(optional)”', async () => {
      await CheckerHarness.create();
      const nodes = await axNodes('(optional)');
      const field = nodes.find((node) => node.role === 'textbox');
      expect(field, JSON.stringify(nodes)).to.exist;
      expect(field!.name).to.equal('Apartment, suite, unit (optional)');
    });

    it('the utility question is read once', async () => {
      const h = await CheckerHarness.create();
      await h.check(DAVIS);
      expect(h.result()!.utilityChoices.length, 'several utilities to pick from').to.be.above(1);
      const question = 'Which utility sends your electricity bill?';
      const nodes = await axNodes(question);
      expect(
        nodes.filter((node) => node.role === 'StaticText'),
        JSON.stringify(nodes),
      ).to.have.length(1);
      expect(nodes.some((node) => node.role === 'heading')).to.be.true;
    });

    it('in Spanish, Leap’s English words are marked lang="en"', async () => {
      const h = await CheckerHarness.create({ lang: 'es' });
      await h.check(SAN_FRANCISCO);
      const requirements = h.$$('[part="tier"] li');
      expect(requirements.length, 'the answer lists requirements').to.be.above(0);
      const langOf = (node: Element) => node.closest('[lang]')?.getAttribute('lang') ?? h.element.lang;
      for (const item of [...requirements, ...h.$$('.program-name'), ...h.$$('.tier-name')]) {
        expect(langOf(item), item.textContent!).to.equal('en');
      }
      expect(langOf(h.$('[part="tier"] .list-title')!), 'our own words stay Spanish').to.equal('es');
    });
  });

  describe('<leap-connect-button>', () => {
    it('says that it is preparing its link, then that it could not', async () => {
      const session = deferred();
      const stub = stubFetch(() => session.promise);
      try {
        const el = document.createElement('leap-connect-button');
        el.setAttribute('org', 'acme');
        el.setAttribute('utility', 'pge');
        el.setAttribute('session-endpoint', '/s/session');
        const failed = oneEvent(el, 'leap-error');
        const transcript = mountWithTranscript(el, await container());
        await until(() => transcript.saying('Preparing your secure link…').length === 1);
        session.resolve(new Response('down', { status: 500 }));
        await failed;
        await until(() => transcript.saying('could not prepare').length === 1);
        expect(transcript.stop().every((entry) => entry.politeness === 'polite')).to.be.true;
      } finally {
        stub.restore();
      }
    });
  });

  describe('<leap-connect-return>', () => {
    const meter = {
      meter_id: 'm-1',
      utility_name: 'Pacific Gas & Electric',
      created_at: new Date().toISOString(),
      global_enrollment_status: 'PENDING',
      program_enrollment: [],
      required_actions: { partner: [], leap: [] },
    };
    async function watch(meters: unknown[], attributes: Record<string, string> = {}) {
      const stub = stubFetch((url) =>
        url.endsWith('/session') ? Response.json({ token: 't', reference_id: 'r' }) : Response.json({ meters }),
      );
      const el = document.createElement('leap-connect-return');
      el.setAttribute('url', 'https://shop.test/thanks?refId=r');
      el.setAttribute('session-endpoint', '/s/session');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const outcome = oneEvent(el, meters.length ? 'leap-connected' : 'leap-error');
      const transcript = mountWithTranscript(el, await container());
      await outcome;
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      stub.restore();
      const root = el.shadowRoot!;
      const mark = root.querySelector('.message > svg');
      return {
        transcript,
        progress: root.querySelector('[part="progress"]')!.textContent!.trim(),
        icon: mark?.querySelector('path')?.getAttribute('d'),
        colour: mark ? getComputedStyle(mark).color : '',
      };
    }

    it('says only the change; connected and timed out look and read differently', async () => {
      const connected = await watch([meter]);
      const timedOut = await watch([], { 'wait-seconds': '1' });
      expect(connected.progress).to.equal('Connected: 1 meter at Pacific Gas & Electric');
      expect(timedOut.progress).to.contain('We have not heard back');
      for (const { transcript, progress } of [connected, timedOut]) {
        const said = transcript.stop();
        expect(said.map((entry) => entry.text)).to.deep.equal([progress]);
        expect(said[0]!.politeness).to.equal('polite');
      }
      expect(timedOut.icon).to.be.a('string').and.not.equal(connected.icon);
      expect(timedOut.colour).to.not.equal(connected.colour);
    });
  });
});
