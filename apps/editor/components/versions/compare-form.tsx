import type { VersionEntry } from '@/lib/server/versions/version-history'

export interface CompareFormProps {
  readonly policyId: string
  readonly versions: readonly VersionEntry[]
  readonly from: number
  readonly to: number
}

/** Picks two versions to compare: a plain GET form, so it works from the keyboard and links. */
export function CompareForm({ policyId, versions, from, to }: CompareFormProps) {
  const options = versions.map((v) => (
    <option key={v.id} value={v.number}>
      v{v.number} · {v.state.replace('_', ' ')} · {v.author}
    </option>
  ))
  return (
    <form className="compare-form" action={`/policies/${policyId}/versions/compare`} method="get">
      <label>
        Older version{' '}
        <select name="from" defaultValue={from}>
          {options}
        </select>
      </label>
      <label>
        Newer version{' '}
        <select name="to" defaultValue={to}>
          {options}
        </select>
      </label>
      <button type="submit">Compare</button>
    </form>
  )
}
