import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildPolicy } from './fixtures/build-policy.js'
import { SAAS_DEFAULT } from './fixtures/policies.js'

// The JSON fixture is generated from its spec; `UPDATE_FIXTURES=1` rewrites it (review the diff).
const file = new URL('./fixtures/saas-default.compiled.json', import.meta.url)

describe('compiled-policy fixtures', () => {
  it('saas-default.compiled.json is what its spec builds', () => {
    const built = buildPolicy(SAAS_DEFAULT)
    if (process.env.UPDATE_FIXTURES) writeFileSync(file, JSON.stringify(built, null, 2) + '\n')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(built)
  })
})
