import Link from 'next/link'

export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<{ need?: string }>
}) {
  const { need } = await searchParams
  return (
    <main id="main" className="narrow">
      <h1>Not allowed</h1>
      <p>
        Your role cannot {need ?? 'do that'} here. Ask an admin for a role that may (
        <code>npx dun user add NAME --role approver</code>).
      </p>
      <p>
        <Link href="/policies">Back to the policies</Link>
      </p>
    </main>
  )
}
