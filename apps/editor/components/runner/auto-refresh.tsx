'use client'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

/** Re-renders the server page every few seconds, so the runner's state stays live. */
export function AutoRefresh({ seconds, at }: { seconds: number; at: string }) {
  const router = useRouter()
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000)
    return () => clearInterval(timer)
  }, [router, seconds])
  return (
    <p className="muted" aria-live="off">
      Read at <time dateTime={at}>{at.slice(11, 19)} UTC</time>; refreshes every {seconds} seconds.
    </p>
  )
}
