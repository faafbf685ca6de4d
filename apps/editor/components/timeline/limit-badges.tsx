import type { LimitBadge } from '@/lib/timeline/timeline-model'
import styles from './timeline.module.css'

const LABELS: Record<LimitBadge['kind'], string> = {
  quiet: 'Quiet hours',
  cap: 'Cap',
  pause: 'Pause',
  stop: 'Stop',
}

/** Quiet hours, caps, pause and stop rules: they hold for every segment's steps. */
export function LimitBadges({ limits }: { limits: readonly LimitBadge[] }) {
  if (limits.length === 0) return <p className="muted">No limits, pauses or stop rules.</p>
  return (
    <ul className={styles.badges} aria-label="Limits and pauses">
      {limits.map((limit) => (
        <li key={`${limit.kind}:${limit.text}`} className={`${styles.badge} ${styles[limit.kind]}`}>
          <span className={styles.badgeKind}>{LABELS[limit.kind]}</span> {limit.text}
        </li>
      ))}
    </ul>
  )
}
