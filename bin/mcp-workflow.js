#!/usr/bin/env node
'use strict';
// The CLI lives in the esbuild bundle; this file only finds it, so `npx mcp-workflow` works from the root.
require('../dist/cli.js');
