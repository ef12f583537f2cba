import '../src/define.js';
import { buildConnectUrl, ConnectUrlError, type ConnectUrlOptions } from '../src/core/connect-url.js';

const form = document.querySelector<HTMLFormElement>('#controls')!;
const live = document.querySelector('#live')!;
const urlOut = document.querySelector<HTMLElement>('#live-url')!;
const reasonOut = document.querySelector<HTMLElement>('#live-reason')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

function logLine(text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  log.prepend(item);
  while (log.children.length > 20) log.lastElementChild!.remove();
}

function sync(): void {
  const data = new FormData(form);
  for (const [name, value] of data) {
    if (value === '') live.removeAttribute(name);
    else live.setAttribute(name, String(value));
  }
  const get = (name: string) => (data.get(name) as string) || undefined;
  const options: ConnectUrlOptions = {
    org: get('org') ?? '',
    flow: get('flow'),
    utility: get('utility'),
    region: get('region'),
    customerType: get('customer-type') as ConnectUrlOptions['customerType'],
    refId: get('ref-id'),
    redirectParams: get('redirect-params'),
    requestedUtilities: get('requested-utilities')?.split(','),
    environment: get('environment') as ConnectUrlOptions['environment'],
    mode: get('mode') as ConnectUrlOptions['mode'],
  };
  try {
    const result = buildConnectUrl(options);
    urlOut.textContent = result.url;
    reasonOut.textContent = result.reason;
  } catch (error) {
    urlOut.textContent = '-';
    reasonOut.textContent = error instanceof ConnectUrlError ? `${error.code}: ${error.message}` : String(error);
  }
}

// This page only demonstrates: log the connect event instead of leaving the page.
document.addEventListener('leap-connect', (event) => {
  event.preventDefault();
  logLine(`leap-connect ${event.detail.flow} ${event.detail.url}`);
});
document.addEventListener('leap-error', (event) => logLine(`leap-error ${event.detail.code}: ${event.detail.message}`));

form.addEventListener('input', sync);
form.addEventListener('change', sync);
sync();
