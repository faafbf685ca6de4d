import Link from 'next/link'

export default function NotFound() {
  return (
    <main id="main" className="narrow">
      <h1>Not found</h1>
      <p>There is no such page or policy; it may have been renamed.</p>
      <p>
        <Link href="/policies">Back to the policies</Link>
      </p>
    </main>
  )
}
