import { expect } from '@open-wc/testing';

declare global {
  interface Window {
    __litWarnings: string[];
  }
}

/** Fails the current test if Lit printed a dev-mode warning (recorded by the test page, see the runner config). */
export function expectNoLitWarnings(): void {
  const warnings = window.__litWarnings.splice(0);
  expect(warnings, `Lit warnings:\n${warnings.join('\n')}`).to.have.length(0);
}

/** Records console.warn calls until restore(), which returns them. */
export function captureWarnings(): { restore(): string[] } {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (...args: unknown[]) => {
    seen.push(args.map(String).join(' '));
  };
  return {
    restore() {
      console.warn = original;
      return seen;
    },
  };
}

export interface FetchCall {
  url: string;
  init: RequestInit | undefined;
}

/** Replaces window.fetch at the HTTP boundary; always restore() it (in finally or afterEach). */
export function stubFetch(handler: (url: string, init: RequestInit | undefined) => Response | Promise<Response>): {
  calls: FetchCall[];
  restore(): void;
} {
  const original = window.fetch;
  const calls: FetchCall[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, init });
    return handler(url, init);
  };
  return {
    calls,
    restore() {
      window.fetch = original;
    },
  };
}

/**
 * Records every time focus falls to `<body>` (a removed button takes focus with it): after each `focusout`, on the
 * next frame, whether `document.activeElement` is the body. `stop()` returns how often it happened.
 */
export function trackFocusDrops(): { stop(): number } {
  let drops = 0;
  const onFocusOut = () =>
    requestAnimationFrame(() => {
      if (document.activeElement === document.body) drops += 1;
    });
  document.addEventListener('focusout', onFocusOut, true);
  return {
    stop() {
      document.removeEventListener('focusout', onFocusOut, true);
      return drops;
    },
  };
}
