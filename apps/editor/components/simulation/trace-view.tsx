import { describeAction, type ConditionTrace, type Decision } from '@dun/engine'

/** The engine's decision at one instant, and why: each rule with the conditions it tested. */
export function TraceView({ at, decision }: { at: number; decision: Decision | null }) {
  const when = `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`
  if (!decision) {
    return (
      <section className="trace" aria-label="Decision trace">
        <h3>Decision at {when}</h3>
        <p>The invoice was no longer open at that moment: nothing was evaluated.</p>
      </section>
    )
  }
  const rules = decision.trace ?? []
  const fired = rules.filter((rule) => rule.fired)
  return (
    <section className="trace" aria-label="Decision trace" data-testid="decision-trace">
      <h3>Decision at {when}</h3>
      <p>
        Status <strong>{decision.status}</strong>
        {decision.segment && (
          <>
            , segment <strong>{decision.segment}</strong>
          </>
        )}
        . Due: {decision.due.map((d) => describeAction(d.action)).join(', ') || 'nothing'}.
        {decision.deferred.length > 0 &&
          ` Deferred: ${decision.deferred.map((d) => `${describeAction(d.action)} (${d.detail})`).join(', ')}.`}
        {decision.skipped.length > 0 &&
          ` Skipped: ${decision.skipped.map((d) => `${describeAction(d.action)} (${d.detail})`).join(', ')}.`}
        {decision.problem && ` Problem: ${decision.problem.message}.`}
      </p>
      <h4>
        Rules that fired ({fired.length} of {rules.length})
      </h4>
      <ul className="rules">
        {fired.map((rule) => (
          <li key={rule.rule}>
            <code>{rule.rule}</code>
            <Condition trace={rule.conditions} />
          </li>
        ))}
      </ul>
      <details>
        <summary>Rules that did not fire ({rules.length - fired.length})</summary>
        <ul className="rules">
          {rules
            .filter((rule) => !rule.fired)
            .map((rule) => (
              <li key={rule.rule}>
                <code>{rule.rule}</code>
                <Condition trace={rule.conditions} />
              </li>
            ))}
        </ul>
      </details>
    </section>
  )
}

function Condition({ trace }: { trace: ConditionTrace }) {
  const mark = <span className={trace.result ? 'pass' : 'fail'}>{trace.result ? '✓' : '✗'}</span>
  switch (trace.kind) {
    case 'all':
    case 'any':
      return (
        <ul className="conditions">
          <li>
            {mark} {trace.kind === 'all' ? 'all of' : 'any of'}
            {trace.children.map((child, i) => (
              <Condition key={i} trace={child} />
            ))}
          </li>
        </ul>
      )
    case 'not':
      return (
        <ul className="conditions">
          <li>
            {mark} not
            <Condition trace={trace.child} />
          </li>
        </ul>
      )
    case 'fact':
      return (
        <ul className="conditions">
          <li>
            {mark} <code>{trace.fact}</code> {trace.operator}{' '}
            <code>{JSON.stringify(trace.expected)}</code>{' '}
            <span className="muted">(was {JSON.stringify(trace.actual ?? null)})</span>
          </li>
        </ul>
      )
  }
}
