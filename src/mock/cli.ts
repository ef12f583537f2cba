#!/usr/bin/env node
/** `leap-elements-mock`: the same as `leap-elements mock`, kept for existing scripts. */
import { runMock } from './run.js';

process.exit(await runMock(process.argv.slice(2)));
