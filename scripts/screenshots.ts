/**
 * `npm run screenshots`: every element in its main states, light and dark, English and Spanish, rendered from the real
 * CDN build (`vite build --mode cdn`) in Chromium against the partner backend and the mock Leap, into
 * `docs/images/<tag>-<theme>-<lang>.png` (one picture per element, theme and language, palette PNGs). The pages set
 * no `--leap-*` token: the dark pictures are a dark page's own text colour, which the elements follow by themselves.
 *
 *   npm run screenshots                 every element
 *   npm run screenshots -- checker      only the elements whose tag contains "checker"
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { build } from 'vite';
import { createMockLeap, DEMO_REFERENCE_ID, MOCK_API_KEY } from '../src/mock/index.js';
import { createLeapHandler } from '../src/server/index.js';
import { listen, toNodeListener } from '../src/server/node.js';
import { launchChromium } from '../test/support/playwright.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs/images');
/** A fixed day, so the pictures change only when the elements do. */
const NOW = new Date('2026-06-15T17:00:00Z');
const BEND = 'street-1="456 Main St" city="Bend" state="OR" postal-code="97701"';

/** One state of an element: its caption, its markup and the event that says it is ready (none: ready at once). */
interface Shot {
  caption: { en: string; es: string };
  html: string;
  ready?: string;
  /** Across the whole row (an element that lays out differently when wide). */
  wide?: boolean;
}

const shot = (en: string, es: string, html: string, ready?: string, wide = false): Shot => ({
  caption: { en, es },
  html,
  ready,
  wide,
});
const checker = (attributes: string) =>
  `<leap-incentive-checker session-endpoint="/api/leap/session" device-ids="123" ${attributes}></leap-incentive-checker>`;

const ELEMENTS: Record<string, Shot[]> = {
  'leap-incentive-checker': [
    shot('The form', 'El formulario', checker('')),
    shot(
      'Eligible, with the claim link',
      'Elegible, con el enlace',
      checker(`create-application auto-check ${BEND}`),
      'leap-result',
    ),
    shot(
      'Eligible and not-eligible tiers',
      'Niveles elegibles y no elegibles',
      checker('auto-check street-1="1 Market St" city="San Francisco" state="CA" postal-code="94105"'),
      'leap-result',
    ),
    shot(
      'No incentives, with the reasons',
      'Sin incentivos, con los motivos',
      checker('auto-check street-1="100 SW Main St" city="Portland" state="OR" postal-code="97204"'),
      'leap-result',
    ),
    shot(
      'Several utilities: the customer picks',
      'Varias compañías: el cliente elige',
      checker('auto-check street-1="23 Russell Blvd" city="Davis" state="CA" postal-code="95616"'),
      'leap-result',
    ),
    shot(
      'Service down, with a retry',
      'Servicio caído, con reintento',
      checker(`auto-check ${BEND}`).replace('/api/leap/session', '/api/fault/leap/session'),
      'leap-error',
    ),
  ],
  'leap-connect-button': [
    shot('Ready', 'Listo', '<leap-connect-button org="voltwise" utility="pge" ref-id="c-1"></leap-connect-button>'),
    shot(
      'Preparing the link',
      'Preparando el enlace',
      '<leap-connect-button org="voltwise" flow="ev" session-endpoint="/api/hang/leap/session"></leap-connect-button>',
    ),
    shot(
      'Not available',
      'No disponible',
      '<leap-connect-button org="voltwise" utility="coned"></leap-connect-button>',
    ),
  ],
  'leap-connect-return': [
    shot(
      'Connected',
      'Conectado',
      '<leap-connect-return url="https://shop.example/thanks?refId=shot-connected" session-endpoint="/api/leap/session?as=shot-connected"></leap-connect-return>',
      'leap-connected',
    ),
    shot(
      'Not confirmed in time',
      'Sin confirmar a tiempo',
      '<leap-connect-return url="https://shop.example/thanks?refId=demo-customer" session-endpoint="/api/leap/session" wait-seconds="1"></leap-connect-return>',
      'leap-error',
    ),
    shot(
      'No reference in the address',
      'Sin referencia en la dirección',
      '<leap-connect-return url="https://shop.example/thanks"></leap-connect-return>',
    ),
  ],
  'leap-enrollment-status': [
    shot(
      'Active',
      'Activo',
      '<leap-enrollment-status session-endpoint="/api/leap/session" meter-id="3fa85f64-5717-4562-b3fc-2c963f66afa6"></leap-enrollment-status>',
      'leap-status',
    ),
    shot(
      'Not eligible, action needed',
      'No elegible, acción necesaria',
      '<leap-enrollment-status session-endpoint="/api/leap/session" meter-id="c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f" appearance="plain"></leap-enrollment-status>',
      'leap-status',
    ),
    shot(
      'Loading',
      'Cargando',
      '<leap-enrollment-status session-endpoint="/api/hang/leap/session" meter-id="3fa85f64-5717-4562-b3fc-2c963f66afa6"></leap-enrollment-status>',
    ),
  ],
  'leap-application-status': [
    shot(
      'One application per status, in a wide column',
      'Una solicitud por estado, en una columna ancha',
      '<leap-application-status session-endpoint="/api/leap/session"></leap-application-status>',
      'leap-applications',
      true,
    ),
    shot(
      'One application, in a narrow column',
      'Una solicitud, en una columna estrecha',
      '<leap-application-status session-endpoint="/api/leap/session" application-id="128"></leap-application-status>',
      'leap-applications',
    ),
    shot(
      'Service down, with a retry',
      'Servicio caído, con reintento',
      '<leap-application-status session-endpoint="/api/fault/leap/session"></leap-application-status>',
      'leap-error',
    ),
  ],
};

const THEMES = {
  light: 'background:#f6f7f9;color:#1f2328',
  dark: 'background:#121417;color:#e8eaed;color-scheme:dark',
};

function page(tag: string, theme: keyof typeof THEMES, lang: 'en' | 'es'): string {
  const figures = ELEMENTS[tag]!.map(
    (s, i) =>
      `<figure data-ready="${s.ready ?? ''}" id="f${i}"${s.wide ? ' class="wide"' : ''}><figcaption>${s.caption[lang]}</figcaption>${s.html}</figure>`,
  ).join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${tag}</title>
<style>
  body { margin: 0; padding: 24px; width: 1152px; font: 16px/1.5 system-ui, sans-serif; ${THEMES[theme]} }
  main { display: grid; grid-template-columns: repeat(auto-fill, minmax(352px, 1fr)); gap: 24px; align-items: start; }
  figure { margin: 0; display: grid; gap: 8px; }
  .wide { grid-column: 1 / -1; }
  figcaption { font-size: 13px; font-weight: 600; opacity: 0.75; }
</style>
<script type="module" src="/leap-elements.js"></script></head>
<body><main>${figures}</main>
<script>
  // Each figure is done once its element fired the event that ends its state (or at once).
  for (const figure of document.querySelectorAll('figure')) {
    const ready = figure.dataset.ready;
    if (!ready) figure.dataset.done = '';
    else figure.addEventListener(ready, () => (figure.dataset.done = ''), { once: true });
  }
</script></body></html>`;
}

async function backends(): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const now = () => NOW;
  const mockLeap = createMockLeap({ now, connectDelayMs: 0 });
  const mock = await listen(mockLeap);
  const failing = await listen(createMockLeap({ now, fault: '500' }));
  const secret = randomBytes(48).toString('base64');
  const backend = (base: string, upstream: string) =>
    toNodeListener(
      createLeapHandler({
        apiKey: MOCK_API_KEY,
        incentivesBaseUrl: `${upstream}/alpha`,
        platformBaseUrl: upstream,
        basePath: base,
        sessionSecret: secret,
        upstreamRetries: 0,
        rateLimit: false,
        logger: () => {},
        authenticate: async (request) => ({
          referenceId: new URL(request.url).searchParams.get('as') ?? DEMO_REFERENCE_ID,
        }),
      }),
    );
  // The customer who just came back from Leap Connect: their meters appear as the page opens.
  await mockLeap(`${mock.url}/mock/connect-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MOCK_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reference_id: 'shot-connected', utility: 'PGE', meters: 2 }),
  });
  const routes: Array<[string, ReturnType<typeof toNodeListener>]> = [
    ['/api/leap', backend('/api/leap', mock.url)],
    ['/api/fault/leap', backend('/api/fault/leap', failing.url)],
  ];
  const work = mkdtempSync(join(tmpdir(), 'leap-screenshots-'));
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode: 'cdn',
    logLevel: 'warn',
    build: { outDir: work },
  });
  const bundle = readFileSync(join(work, 'leap-elements.js'));
  rmSync(work, { recursive: true, force: true });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.find(([prefix]) => url.pathname.startsWith(`${prefix}/`));
    if (route) return route[1](req, res);
    // Never answered: the loading states.
    if (url.pathname.startsWith('/api/hang/')) return;
    if (url.pathname === '/leap-elements.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(bundle);
    }
    const [tag, theme, lang] = url.pathname.slice(1).split('/');
    if (tag && ELEMENTS[tag] && (theme === 'light' || theme === 'dark') && (lang === 'en' || lang === 'es')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(tag, theme, lang));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      mockLeap.dispose();
      await Promise.all([mock.close(), failing.close()]);
    },
  };
}

const filter = process.argv[2] ?? '';
const served = await backends();
const browser = await launchChromium();
mkdirSync(outDir, { recursive: true });
let total = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
  for (const tag of Object.keys(ELEMENTS).filter((t) => t.includes(filter))) {
    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'es'] as const) {
        const tab = await context.newPage();
        // The page's clock starts at the mock's day and runs (the connect watch waits on it).
        await tab.clock.install({ time: NOW });
        await tab.goto(`${served.url}/${tag}/${theme}/${lang}`);
        await tab.waitForFunction(() => [...document.querySelectorAll('figure')].every((f) => 'done' in f.dataset));
        // The renders and announcements that follow an event, and the fonts.
        await tab.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(r))));
        const png = await tab.locator('body').screenshot({ animations: 'disabled' });
        const optimised = await sharp(png)
          .png({ palette: true, colours: 32, dither: 0, effort: 10, compressionLevel: 9 })
          .toBuffer();
        const file = join(outDir, `${tag}-${theme}-${lang}.png`);
        writeFileSync(file, optimised);
        total += optimised.length;
        console.log(`${file.slice(root.length)}  ${(optimised.length / 1024).toFixed(0)} KB`);
        await tab.close();
      }
    }
  }
} finally {
  await browser.close();
  await served.close();
}
console.log(`${(total / 1024).toFixed(0)} KB in all`);
