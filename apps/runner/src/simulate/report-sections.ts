import { formatMoney, type SimulationReport } from '@dun/engine'

/**
 * The report as titled tables of labelled figures: one model that both the terminal
 * summary and the HTML report print, for one policy or two side by side.
 */
export type Figure =
  | { readonly kind: 'count'; readonly n: number }
  | { readonly kind: 'money'; readonly minor: number; readonly currency: string }
  | { readonly kind: 'days'; readonly days: number | null }

export interface Section {
  readonly title: string
  readonly rows: ReadonlyMap<string, Figure>
}

const count = (n: number): Figure => ({ kind: 'count', n })
const money = (minor: number, currency: string): Figure => ({ kind: 'money', minor, currency })

function countsSection(title: string, counts: Readonly<Record<string, number>>): Section {
  return { title, rows: new Map(Object.entries(counts).map(([key, n]) => [key, count(n)])) }
}

export function reportSections(report: SimulationReport): Section[] {
  const { input, invoices, actions, messagesPerCustomer: messages } = report
  const sections: Section[] = [
    {
      title: 'Invoices',
      rows: new Map<string, Figure>([
        ['read', count(input.invoicesRead)],
        ['outside --from/--to', count(input.outsideWindow)],
        ['simulated', count(invoices.simulated)],
        ['acted on by the policy', count(invoices.actedOn)],
        ...Object.entries(invoices.rejected.byCurrency).map(([currency, n]): [string, Figure] => [
          `rejected: currency ${currency} not in policy`,
          count(n),
        ]),
        ['rows with errors', count(input.rowErrors.total)],
      ]),
    },
    { title: 'Actions', rows: new Map([['total', count(actions.total)]]) },
    countsSection('Actions by type', actions.byType),
    countsSection('Messages by channel', actions.byChannel),
    countsSection('Actions by segment', actions.bySegment),
    countsSection('Actions by step day', actions.byDayOffset),
    {
      title: 'Messages per customer',
      rows: new Map([
        ['customers messaged', count(messages.customersMessaged)],
        ['most to one customer', count(messages.max)],
        ['95th percentile', count(messages.p95)],
      ]),
    },
    countsSection('Deferrals by reason', {
      total: report.deferrals.total,
      ...report.deferrals.byReason,
    }),
    countsSection('Skipped steps by reason', {
      total: report.skips.total,
      ...report.skips.byReason,
    }),
    amountSection('Escalations', report.escalations),
    amountSection('Account actions', report.accountActions),
    {
      title: 'Sent to invoices paid soon after anyway',
      rows: new Map(
        report.paidAnyway.flatMap((line): [string, Figure][] => [
          [`actions, paid within ${line.withinDays} days`, count(line.actions)],
          [`invoices, paid within ${line.withinDays} days`, count(line.invoices)],
        ]),
      ),
    },
  ]
  if (report.recovery) sections.push(recoverySection(report.recovery))
  return sections
}

function amountSection(title: string, lines: SimulationReport['escalations']): Section {
  const rows = new Map<string, Figure>()
  for (const line of lines) {
    rows.set(`${line.action}: actions`, count(line.count))
    rows.set(`${line.action}: invoices`, count(line.invoices))
    for (const [currency, minor] of Object.entries(line.amounts)) {
      rows.set(`${line.action}: balance ${currency}`, money(minor, currency))
    }
  }
  return { title, rows }
}

function recoverySection(recovery: NonNullable<SimulationReport['recovery']>): Section {
  const rows = new Map<string, Figure>([['dunned invoices', count(recovery.dunnedInvoices)]])
  for (const [currency, figures] of Object.entries(recovery.byCurrency)) {
    rows.set(`${currency} dunned balance`, money(figures.dunnedBalance, currency))
    rows.set(`${currency} actually paid (as-was)`, money(figures.actuallyPaid, currency))
    rows.set(`${currency} estimated recovered`, money(figures.estimatedRecovered, currency))
    rows.set(`${currency} estimated DSO`, { kind: 'days', days: figures.estimatedDso })
  }
  return { title: 'Recovery estimate (declared response model)', rows }
}

const integer = new Intl.NumberFormat('en-US')

export function formatFigure(figure: Figure): string {
  switch (figure.kind) {
    case 'count':
      return integer.format(figure.n)
    case 'money':
      return formatMoney(figure.minor, figure.currency)
    case 'days':
      return figure.days === null ? '–' : `${figure.days} days`
  }
}

/** candidate − base, for figures of the same kind; null when there is nothing to subtract. */
export function figureDelta(
  base: Figure | undefined,
  candidate: Figure | undefined,
): Figure | null {
  const zero = (f: Figure | undefined, like: Figure): Figure | undefined =>
    f ??
    (like.kind === 'money' ? money(0, like.currency) : like.kind === 'count' ? count(0) : undefined)
  const like = candidate ?? base
  if (!like) return null
  const a = zero(base, like)
  const b = zero(candidate, like)
  if (a?.kind === 'count' && b?.kind === 'count') return count(b.n - a.n)
  if (a?.kind === 'money' && b?.kind === 'money' && a.currency === b.currency) {
    return money(b.minor - a.minor, a.currency)
  }
  if (a?.kind === 'days' && b?.kind === 'days' && a.days !== null && b.days !== null) {
    return { kind: 'days', days: Math.round((b.days - a.days) * 10) / 10 }
  }
  return null
}

export function formatDelta(delta: Figure | null): string {
  if (delta === null) return ''
  const sign = (n: number) => (n > 0 ? '+' : '')
  switch (delta.kind) {
    case 'count':
      return sign(delta.n) + formatFigure(delta)
    case 'money':
      return sign(delta.minor) + formatFigure(delta)
    case 'days':
      return sign(delta.days ?? 0) + formatFigure(delta)
  }
}

/** The same sections of two reports merged: every label either report has, in order. */
export function mergedSections(
  base: SimulationReport,
  candidate: SimulationReport,
): { title: string; rows: { label: string; base?: Figure; candidate?: Figure }[] }[] {
  const a = reportSections(base)
  const b = reportSections(candidate)
  const titles = [...new Set([...a, ...b].map((s) => s.title))]
  return titles.map((title) => {
    const left = a.find((s) => s.title === title)?.rows ?? new Map<string, Figure>()
    const right = b.find((s) => s.title === title)?.rows ?? new Map<string, Figure>()
    const labels = [...new Set([...left.keys(), ...right.keys()])]
    return {
      title,
      rows: labels.map((label) => ({ label, base: left.get(label), candidate: right.get(label) })),
    }
  })
}
