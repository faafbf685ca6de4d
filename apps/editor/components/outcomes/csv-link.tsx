/** Downloads one Outcomes table as CSV (the editor's route, guarded for reading). */
export function CsvLink({ table, what }: { table: string; what: string }) {
  return (
    <a className="button" href={`/api/outcomes/${table}`} download={`${table}.csv`}>
      Download {what} (CSV)
    </a>
  )
}
