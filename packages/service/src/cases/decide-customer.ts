import {
  applyExecuted,
  deriveAccount,
  type CustomerCaseFacts,
  type Decision,
  type DunningFacts,
  type EvaluateOptions,
} from '@dun/engine'
import type { CaseInput, CustomerInput } from './customer-inputs.js'
import type { PreparedVersion } from './policy-cache.js'

/** One case's decision and its dunning state once the decision is performed. */
export interface CaseOutcome {
  readonly input: CaseInput
  readonly decision: Decision
  readonly dunning: DunningFacts
}

export interface CustomerOutcome {
  readonly cases: readonly CaseOutcome[]
  /** The earliest instant after `now` when the customer needs evaluating again; null: none. */
  readonly wakeAt: number | null
}

/**
 * Decides every case of one customer at `now`. Cases pinned to different versions run as
 * one evaluation per version, oldest version first (then by id): each group sees the
 * contacts the earlier groups just decided, so caps hold across versions; account
 * aggregates always cover all of the customer's cases.
 */
export function decideCustomer(
  input: CustomerInput,
  versions: ReadonlyMap<string, PreparedVersion>,
  now: number,
  options: EvaluateOptions = {},
): CustomerOutcome {
  const groups = versionGroups(input.cases, versions)
  const account =
    groups.length > 1
      ? deriveAccount({ ...input.facts, cases: input.cases.map((c) => c.facts) }, now)
      : null
  let contacts = input.facts.contacts
  let wakeAt = input.nextIssueAt ?? Infinity
  const outcomes: CaseOutcome[] = []
  for (const { version, cases } of groups) {
    const facts: CustomerCaseFacts = {
      ...input.facts,
      account,
      contacts,
      cases: cases.map((c) => c.facts),
    }
    const decisions = version.policy.evaluateCustomer(facts, now, options)
    const performed = applyExecuted(facts, decisions, now)
    contacts = performed.contacts
    decisions.forEach((decision, index) => {
      outcomes.push({
        input: cases[index]!,
        decision,
        dunning: performed.cases[index]!.dunning,
      })
      if (decision.nextWakeAt !== null && decision.nextWakeAt > now) {
        wakeAt = Math.min(wakeAt, decision.nextWakeAt)
      }
    })
  }
  return { cases: outcomes, wakeAt: wakeAt === Infinity ? null : wakeAt }
}

interface VersionGroup {
  readonly version: PreparedVersion
  readonly cases: CaseInput[]
}

function versionGroups(
  cases: readonly CaseInput[],
  versions: ReadonlyMap<string, PreparedVersion>,
): VersionGroup[] {
  const groups = new Map<string, VersionGroup>()
  for (const c of cases) {
    const group = groups.get(c.versionId)
    if (group) {
      group.cases.push(c)
      continue
    }
    const version = versions.get(c.versionId)
    if (!version) throw new Error(`policy version ${c.versionId} was not prepared for evaluation`)
    groups.set(c.versionId, { version, cases: [c] })
  }
  return [...groups.values()].sort(
    (a, b) => a.version.createdAt - b.version.createdAt || a.version.id.localeCompare(b.version.id),
  )
}
