#!/usr/bin/env node
/** `leap-elements-mock`: the same as `leap-elements mock`, kept for existing scripts. */
import { runMock } from '../cli/mock.js';

process.exit(await runMock(process.argv.slice(2)));
