// Commands the browser tests send to the runner, for what only the DevTools protocol can do in Chromium:
// `forced-colors` (emulate Windows High Contrast: `forced-colors: active`, or '' to stop) and `ax-names` (the
// accessible name of every node in Chromium's own accessibility tree whose name contains `payload.contains`).
export function devtoolsCommands() {
  const sessions = new Map();
  async function cdp(session) {
    const page = session.browser.getPage(session.id);
    if (!sessions.has(session.id)) sessions.set(session.id, await page.createCDPSession());
    return sessions.get(session.id);
  }
  return {
    name: 'leap-devtools-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'forced-colors') {
        const client = await cdp(session);
        await client.send('Emulation.setEmulatedMedia', {
          features: [{ name: 'forced-colors', value: payload?.value ?? '' }],
        });
        return true;
      }
      if (command === 'ax-names') {
        const client = await cdp(session);
        const { nodes } = await client.send('Accessibility.getFullAXTree');
        return nodes
          .filter((node) => !node.ignored && String(node.name?.value ?? '').includes(payload.contains))
          .map((node) => ({ role: node.role?.value ?? '', name: node.name?.value ?? '' }));
      }
      return undefined;
    },
  };
}
