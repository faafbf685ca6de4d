/** What the page says before the runner has opened any case. */
export function EmptyOutcomes() {
  return (
    <section aria-labelledby="empty-heading">
      <h2 id="empty-heading">No outcomes yet</h2>
      <p>
        There are no dunning cases to measure yet. Figures appear here once the runner has opened
        cases for failed payments: recovery rates and DSO as soon as payments arrive, the funnel by
        step once cases close, attribution to steps and channels for every payment that follows a
        sent action.
      </p>
      <p className="muted">
        To see figures now, publish a policy and send the runner invoices and payment events (
        <code>POST /v1/invoices</code>, <code>POST /v1/events</code>), or import live invoices with{' '}
        <code>dun import</code>.
      </p>
    </section>
  )
}
