import { beforeAll, expect, it } from 'vitest'
import { describeOnDatabases } from '@dun/store/testing'
import { requestPublish, saveVersion } from '@dun/service'
import { openApi, type ApiHarness } from './api-fixtures.js'

const policy = (channel: string) => `policy "p" {
  currencies USD
  anchor due
  segment everyone {
    day 0 email "due-today"
    day 3 ${channel} "reminder"
  }
}`

describeOnDatabases('runner_api_experiments', (db) => {
  let api: ApiHarness
  const versions: string[] = []
  beforeAll(async () => {
    api = await openApi(db(), '2026-03-10T00:00:00Z')
    const admin = { username: 'ops', role: 'admin' as const }
    for (const channel of ['email', 'sms']) {
      const version = await saveVersion(api.ctx, admin, { source: policy(channel) })
      await requestPublish(api.ctx, admin, version.id)
      versions.push(version.id)
    }
  })

  const body = () => ({
    name: 'sms on day 3',
    arms: [
      { name: 'control', version_id: versions[0], weight: 50 },
      { name: 'sms', version_id: versions[1], weight: 50 },
    ],
    minimum_sample_per_arm: 100,
  })

  it('starts with the publish scope only, then lists and reads results', async () => {
    expect(
      (await api.call('POST', '/v1/experiments', { token: 'read', body: body() })).statusCode,
    ).toBe(403)
    const started = await api.call('POST', '/v1/experiments', { token: 'publish', body: body() })
    expect(started.statusCode).toBe(201)
    const id = started.json<{ experiment: { id: string } }>().experiment.id
    const list = await api.call('GET', '/v1/experiments', { token: 'read' })
    expect(list.json()).toMatchObject({
      experiments: [{ id, state: 'running', name: 'sms on day 3' }],
    })
    const results = await api.call('GET', `/v1/experiments/${id}`, { token: 'read' })
    expect(results.statusCode).toBe(200)
    expect(results.json()).toMatchObject({
      analysis: {
        arms: [
          { arm: 'control', cases: 0 },
          { arm: 'sms', cases: 0 },
        ],
        comparisons: [{ arm: 'sms', control: 'control', verdict: 'not-enough-data' }],
        minimumSamplePerArm: 100,
      },
    })
    const promoted = await api.call('POST', `/v1/experiments/${id}/promote`, {
      token: 'publish',
      body: { arm: 'sms', comment: 'sms wins' },
    })
    expect(promoted.json()).toMatchObject({ experiment_id: id, arm: 'sms', state: 'published' })
    const again = await api.call('POST', `/v1/experiments/${id}/stop`, {
      token: 'publish',
      body: {},
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({
      error: { message: expect.stringContaining('not running') },
    })
  })

  it('answers 404 with a hint for an unknown experiment and for a fit without a ledger', async () => {
    const unknown = await api.call('GET', '/v1/experiments/00000000-0000-4000-8000-000000000000', {
      token: 'read',
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({
      error: { hint: expect.stringContaining('dun experiment list') },
    })
    const fitted = await api.call('GET', '/v1/response-model/fitted', { token: 'read' })
    expect(fitted.statusCode).toBe(404)
    expect(fitted.json()).toMatchObject({
      error: { message: expect.stringContaining('no dunning cases') },
    })
  })
})
