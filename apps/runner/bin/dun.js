#!/usr/bin/env node
// The `dun` command. Built by `npm install` (the root `prepare` script runs `tsc -b`).
import { main } from '../dist/cli.js'

process.exitCode = await main(process.argv.slice(2))
