import Link from 'next/link'
import { PublishControls } from '@/components/versions/publish-controls'
import { allows, type SignedInUser } from '@/lib/roles'
import type { ExperimentSummary } from '@/lib/server/experiments/experiment-summaries'
import { when } from '@/lib/server/experiments/format'

const VERSION_STATE = {
  draft: 'a draft whose publication was not requested',
  pending_approval: 'awaiting approval by someone other than its author',
  published: 'published: new cases run it',
  archived: 'archived (a newer version was published since)',
} as const

/** Where the promoted arm's version stands in the publishing rule, and the approval if it is due. */
export function PromotionStatus({
  experiment,
  user,
}: {
  experiment: ExperimentSummary
  user: SignedInUser
}) {
  const version = experiment.promotedVersion
  if (experiment.state !== 'promoted' || !version) return null
  const canApprove = allows(user, 'publish') && version.author !== user.username
  return (
    <section aria-labelledby="promotion-heading" data-testid="promotion-status">
      <h2 id="promotion-heading">Promotion</h2>
      <p>
        {experiment.endedBy} promoted arm “{experiment.promotedArm}”
        {experiment.endedAt && ` on ${when(experiment.endedAt)}`} as v{version.number}, now{' '}
        {VERSION_STATE[version.state]}.{' '}
        {version.state === 'pending_approval' &&
          (canApprove
            ? 'You may approve it here or on the versions page; until then new cases keep the split.'
            : 'Another approver or admin approves it; until then new cases keep the split.')}{' '}
        <Link href={`/policies/${experiment.policyId}/versions`}>
          Versions of {experiment.policyName}
        </Link>
      </p>
      {version.state === 'pending_approval' && (
        <PublishControls
          versionId={version.id}
          number={version.number}
          state={version.state}
          canApprove={canApprove}
          canRequest={false}
          publishLabel="Publish"
        />
      )}
    </section>
  )
}
