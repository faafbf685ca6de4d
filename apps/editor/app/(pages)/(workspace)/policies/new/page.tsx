import type { Metadata } from 'next'
import { PolicyEditor } from '@/components/editor/policy-editor'
import { NEW_POLICY_TEMPLATE } from '@/lib/new-policy-template'
import { requirePageUser } from '@/lib/server/auth'

export const metadata: Metadata = { title: 'New policy · Dun' }

export default async function NewPolicyPage() {
  await requirePageUser('draft')
  return (
    <main id="main" className="page page-editor">
      <PolicyEditor
        policyId={null}
        title="New policy (not saved yet)"
        initialSource={NEW_POLICY_TEMPLATE}
        canDraft
      />
    </main>
  )
}
