/**
 * The public types are the zod schemas' own (`z.infer`), expanded into plain object types by the compiler so the
 * package's declarations never need zod (scripts/types.ts). They must stay exactly what the schemas produce: the
 * compile-time checks in test/types/ are compiled here, and shown to fail when an assertion is false.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { generateTypes, TYPES_FILE } from '../../scripts/types.js';
import { isWebhookEvent } from '../../src/core/index.js';
import type * as generated from '../../src/core/types.generated.js';

const root = new URL('../..', import.meta.url).pathname;
const CHECKS = new URL('../types/public-types.ts', import.meta.url).pathname;

/**
 * The compiler's errors for each file, compiled together in one program with the project's options (one compile:
 * it takes seconds); `sources` maps a file name to its text, files that need not exist on disk.
 */
function compileErrors(sources: Record<string, string>): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(String(diagnostic.messageText)),
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (name) => sources[name] ?? read(name);
  host.fileExists = (name) => name in sources || exists(name);
  const program = ts.createProgram(Object.keys(sources), config.options, host);
  return Object.fromEntries(
    Object.keys(sources).map((name) => [
      name,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(name))
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    ]),
  );
}

describe('generated public types (src/core/types.generated.ts)', () => {
  it('are up to date with the zod schemas (npm run generate)', async () => {
    assert.equal(readFileSync(TYPES_FILE, 'utf8'), await generateTypes());
  });

  it('are the schemas’ z.infer types, and isWebhookEvent narrows (compiled: test/types/public-types.ts); the checks fail when a type differs or a guard stops narrowing', () => {
    const source = readFileSync(CHECKS, 'utf8');
    const wrongType = source.replace(
      'same<generated.ApplicationPatch, z.infer<typeof ApplicationPatch>>(true)',
      'same<generated.ApplicationPatch, z.infer<typeof MeterEnrollmentView>>(true)',
    );
    const noGuard = source.replace(
      "if (isWebhookEvent(payload, 'meter.created')) return payload.meter_id;",
      "if (payload.webhook_event_type === 'meter.created') return payload.meter_id;",
    );
    assert.notEqual(wrongType, source);
    assert.notEqual(noGuard, source);
    const [wrongFile, noGuardFile] = ['wrong-type.ts', 'no-guard.ts'].map((name) => CHECKS.replace(/[^/]+$/, name));
    const errors = compileErrors({ [CHECKS]: source, [wrongFile!]: wrongType, [noGuardFile!]: noGuard });
    assert.deepEqual(errors[CHECKS], []);
    assert.ok(
      errors[wrongFile!]!.some((error) => /'true' is not assignable to parameter of type 'false'/.test(error)),
      errors[wrongFile!]!.join('\n'),
    );
    assert.ok(
      errors[noGuardFile!]!.some((error) => /Type 'unknown' is not assignable to type 'string/.test(error)),
      errors[noGuardFile!]!.join('\n'),
    );
  });

  it('isWebhookEvent tells the documented event from a later type with the same fields', () => {
    const payloads: generated.WebhookEvent[] = [
      { webhook_event_type: 'meter.created', meter_id: 'm-1', transmission_region: 'CAISO', partner_reference: 'c-1' },
      { webhook_event_type: 'meter.created.v2', meter_id: 'm-2' },
      { webhook_event_type: 'connect_session.updated', partner_reference: 'c-1', status: 'COMPLETED' },
    ];
    assert.deepEqual(
      payloads.filter((payload) => isWebhookEvent(payload, 'meter.created')).map((payload) => payload.meter_id),
      ['m-1'],
    );
  });
});
