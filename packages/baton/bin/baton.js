#!/usr/bin/env node
// A committed entry point: npm links bins before `prepare` builds dist/, so the link must point at a file that exists.
import '../dist/cli/main.js';
