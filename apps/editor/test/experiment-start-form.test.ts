import { describe, expect, it } from 'vitest'
import { parseStartForm, splitErrors } from '../lib/server/experiments/start-form.js'

const valid = {
  name: 'SMS on day 3',
  policyId: 'p1',
  arms: [
    { name: 'control', versionId: 'v1', weight: 50 },
    { name: 'sms', versionId: 'v2', weight: 50 },
  ],
  minimumSample: 400,
}

describe('the start-experiment form', () => {
  it('turns a valid form into the service’s input', () => {
    expect(parseStartForm(valid)).toEqual({
      ok: true,
      input: { name: 'SMS on day 3', policyId: 'p1', arms: valid.arms, minimumSamplePerArm: 400 },
    })
  })

  it('refuses a split that does not add up to 100, saying by how much', () => {
    const result = parseStartForm({
      ...valid,
      arms: [
        { name: 'control', versionId: 'v1', weight: 60 },
        { name: 'sms', versionId: 'v2', weight: 50 },
      ],
    })
    expect(result).toEqual({
      ok: false,
      fields: { split: 'the shares add up to 110%, not 100%: lower one by 10' },
    })
    expect(splitErrors([30, 30, 30])).toEqual({
      split: 'the shares add up to 90%, not 100%: raise one by 10',
    })
    expect(splitErrors([34, 33, 33])).toEqual({})
  })

  it('reports every field’s problem at once, under the field’s name', () => {
    const result = parseStartForm({
      name: ' ',
      policyId: 'p1',
      arms: [
        { name: 'control', versionId: '', weight: 100 },
        { name: '', versionId: 'v2', weight: 0 },
      ],
      minimumSample: 3,
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.fields).toEqual({
      name: 'name the experiment, e.g. "SMS on day 3"',
      'arms.0.versionId': 'choose the published version this arm runs',
      'arms.0.weight': 'leave at least 1% for the other arms',
      'arms.1.name': 'name this arm, e.g. "control" or "sms-day-3"',
      'arms.1.weight': 'every arm needs at least 1% of new customers',
      minimumSample: 'at least 10 cases per arm; a few hundred gives a useful interval',
    })
  })

  it('needs two arms, distinct names and distinct versions', () => {
    expect(parseStartForm({ ...valid, arms: [valid.arms[0]] })).toEqual({
      ok: false,
      fields: { arms: 'an experiment compares at least two versions' },
    })
    const repeated = parseStartForm({
      ...valid,
      arms: [
        { name: 'control', versionId: 'v1', weight: 50 },
        { name: 'control', versionId: 'v1', weight: 50 },
      ],
    })
    expect(repeated).toEqual({
      ok: false,
      fields: {
        'arms.1.name': 'arm 1 is already named "control"',
        'arms.1.versionId': 'arm 1 already runs this version; choose another',
      },
    })
  })

  it('names a missing or non-numeric share and sample', () => {
    const result = parseStartForm({
      ...valid,
      arms: [
        { name: 'control', versionId: 'v1', weight: null },
        { name: 'sms', versionId: 'v2', weight: 50 },
      ],
      minimumSample: null,
    })
    expect(result).toEqual({
      ok: false,
      fields: {
        'arms.0.weight': 'give this arm a share of new customers, in percent',
        minimumSample: 'give the cases each arm needs before a verdict',
      },
    })
  })
})
