import type { ReactNode } from 'react'
import { CsvLink } from './csv-link'

/** One figure of the Outcomes page: heading, what it counts, its CSV export, its tables. */
export function FigureSection({
  id,
  title,
  about,
  csv,
  children,
}: {
  id: string
  title: string
  about: ReactNode
  csv: readonly { readonly table: string; readonly what: string }[]
  children: ReactNode
}) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <div className="figure-heading">
        <h2 id={`${id}-heading`}>{title}</h2>
        <span className="csv-links">
          {csv.map((c) => (
            <CsvLink key={c.table} table={c.table} what={c.what} />
          ))}
        </span>
      </div>
      <p className="muted">{about}</p>
      {children}
    </section>
  )
}
