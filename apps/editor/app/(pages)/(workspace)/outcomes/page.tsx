import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import '@/components/outcomes/outcomes.css'
import { ExperimentsOverview } from '@/components/experiments/experiments-overview'
import { ChannelTable } from '@/components/outcomes/channel-table'
import { CollectCurves } from '@/components/outcomes/collect-curves'
import {
  CreditedCollectTable,
  SegmentCollectTable,
} from '@/components/outcomes/collect-times-table'
import { DsoTable } from '@/components/outcomes/dso-table'
import { EmptyOutcomes } from '@/components/outcomes/empty-outcomes'
import { FigureSection } from '@/components/outcomes/figure-section'
import { FunnelTables } from '@/components/outcomes/funnel-tables'
import { RecoveryTable } from '@/components/outcomes/recovery-table'
import { requirePageUser } from '@/lib/server/auth'
import { utc } from '@/lib/server/outcomes/format'
import { readOutcomeFigures, type OutcomeFigures } from '@/lib/server/outcomes/outcome-figures'
import { nameOf } from '@/lib/server/outcomes/version-names'
import { serviceContext } from '@/lib/server/service-context'

export const metadata: Metadata = { title: 'Outcomes · Dun' }
// Read on every request: a visit catches up one small batch when the job is idle.
export const dynamic = 'force-dynamic'

export default async function OutcomesPage() {
  await requirePageUser('read')
  const figures = await readOutcomeFigures(await serviceContext())
  const empty = figures.recovery.version.length === 0
  return (
    <main id="main" className="page outcomes">
      <div className="page-heading">
        <h1>Outcomes</h1>
        <p className="muted">
          Figures as of <time dateTime={figures.readAt}>{utc(figures.readAt)}</time>, when the
          outcomes job last caught up (the runner runs it on a timer; opening this page catches up a
          little more when the job is idle). Amounts stay in their own currency.
        </p>
      </div>
      {empty ? <EmptyOutcomes /> : <Figures figures={figures} />}
      <ExperimentsOverview />
    </main>
  )
}

/** One figure of the page: its heading, what it counts, its CSV exports and its tables. */
interface Section {
  readonly id: string
  readonly title: string
  readonly about: string
  readonly csv: readonly { readonly table: string; readonly what: string }[]
  readonly body: ReactNode
}

function Figures({ figures }: { figures: OutcomeFigures }) {
  return (
    <>
      {sectionsOf(figures).map(({ body, ...section }) => (
        <FigureSection key={section.id} {...section}>
          {body}
        </FigureSection>
      ))}
    </>
  )
}

function sectionsOf(figures: OutcomeFigures): Section[] {
  const { versions } = figures
  const segmentName = (key: string) => (key === '' ? '(no segment)' : key)
  const recoveryBy = [
    {
      by: 'Version',
      figures: figures.recovery.version,
      keyName: (key: string) => nameOf(versions, key),
    },
    { by: 'Segment', figures: figures.recovery.segment, keyName: segmentName },
    { by: 'Cohort', figures: figures.recovery.cohort, keyName: (key: string) => key },
  ]
  return [
    {
      id: 'funnel',
      title: 'Recovery funnel by step',
      about:
        'Per policy version, over closed cases: how many reached each step (an action sent), and how many of them paid, and how much, after it.',
      csv: [{ table: 'funnel', what: 'the funnel' }],
      body: <FunnelTables funnels={figures.funnels} versions={versions} />,
    },
    {
      id: 'channels',
      title: 'Recovery by channel',
      about:
        "Each payment credited to the messages before it, under both attribution models side by side. A message on two channels shares its credit; 'unattributed' is what no action within the window preceded.",
      csv: [{ table: 'attribution-by-channel', what: 'recovery by channel' }],
      body: <ChannelTable figures={figures.channels} />,
    },
    {
      id: 'curves',
      title: 'Time-to-collect curves',
      about:
        "Per policy version: the estimated share of its cases first paid by each day since the case opened (Kaplan–Meier). A case counts only for the days it has been open, so a newer version's young cases do not pull its curve down and two versions compare directly over the days both have cases for.",
      csv: [{ table: 'curves', what: 'the time-to-collect curves' }],
      body: <CollectCurves curves={figures.curves} versions={versions} />,
    },
    {
      id: 'recovery',
      title: 'Recovery, messages and churn',
      about:
        'Recovery rate by count and by amount over all cases; messages sent per unit of currency recovered and involuntary churn (subscriptions dunning cancelled, debts it wrote off) over closed cases. Cohorts are months of first failed payment.',
      csv: recoveryBy.map(({ by }) => ({
        table: `recovery-by-${by.toLowerCase()}`,
        what: `recovery by ${by.toLowerCase()}`,
      })),
      body: recoveryBy.map((r) => (
        <RecoveryTable key={r.by} {...r} testId={`recovery-by-${r.by.toLowerCase()}`} />
      )),
    },
    {
      id: 'collect',
      title: 'Days to collect',
      about:
        'Whole days from the case opening to each payment: median and 90th percentile. By step and channel, the payments each attribution model credits to it.',
      csv: [
        { table: 'collect-times-by-segment', what: 'days to collect by segment' },
        { table: 'collect-times-by-step', what: 'days to collect by step' },
        { table: 'collect-times-by-channel', what: 'days to collect by channel' },
      ],
      body: (
        <>
          <SegmentCollectTable
            times={figures.collect.segment.map((t) => ({ ...t, key: segmentName(t.key) }))}
          />
          <CreditedCollectTable times={figures.collect.step} by="Step" />
          <CreditedCollectTable times={figures.collect.channel} by="Channel" />
        </>
      ),
    },
    {
      id: 'dso',
      title: 'DSO over time',
      about:
        'Dunning days sales outstanding: per month of payment, the amount-weighted days from case opening to payment.',
      csv: [{ table: 'dso', what: 'DSO over time' }],
      body: <DsoTable points={figures.dso} versions={versions} />,
    },
  ]
}
