/**
 * Small inline SVG charts for the HTML report: generated here, nothing fetched, so the
 * report opens offline and can be mailed as one file.
 */
const PALETTE = [
  '#2563eb',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#0ea5e9',
  '#84cc16',
  '#64748b',
]
const FONT = 'font-family="system-ui, sans-serif" font-size="11"'

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Stacked bars, one per day, one colour per series (channel), with a legend. */
export function stackedBarsByDay(
  perDay: Readonly<Record<string, Readonly<Record<string, number>>>>,
): string {
  const days = Object.keys(perDay).sort()
  if (days.length === 0) return emptyChart('No actions in the replay.')
  const series = [...new Set(days.flatMap((day) => Object.keys(perDay[day]!)))].sort()
  const totals = days.map((day) => Object.values(perDay[day]!).reduce((a, b) => a + b, 0))
  const max = Math.max(...totals)
  const width = 640
  const height = 220
  const plot = { left: 48, top: 10, width: width - 58, height: height - 60 }
  const step = plot.width / days.length
  const barWidth = Math.max(1, step * 0.8)
  const bars: string[] = []
  days.forEach((day, i) => {
    let y = plot.top + plot.height
    series.forEach((name, s) => {
      const n = perDay[day]![name] ?? 0
      if (n === 0) return
      const h = (n / max) * plot.height
      y -= h
      bars.push(
        `<rect x="${(plot.left + i * step).toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(s)}"><title>${escapeXml(`${day} ${name}: ${n}`)}</title></rect>`,
      )
    })
  })
  const legend = series
    .map(
      (name, s) =>
        `<rect x="${plot.left + s * 100}" y="${height - 18}" width="10" height="10" fill="${colour(s)}"/><text x="${plot.left + s * 100 + 14}" y="${height - 9}" ${FONT}>${escapeXml(name)}</text>`,
    )
    .join('')
  const axis = [
    `<text x="${plot.left - 6}" y="${plot.top + 10}" text-anchor="end" ${FONT}>${max}</text>`,
    `<text x="${plot.left - 6}" y="${plot.top + plot.height}" text-anchor="end" ${FONT}>0</text>`,
    `<text x="${plot.left}" y="${plot.top + plot.height + 14}" ${FONT}>${escapeXml(days[0]!)}</text>`,
    `<text x="${plot.left + plot.width}" y="${plot.top + plot.height + 14}" text-anchor="end" ${FONT}>${escapeXml(days[days.length - 1]!)}</text>`,
  ].join('')
  return svg(width, height, 'Actions per day by channel', bars.join('') + axis + legend)
}

/** One horizontal bar per key, labelled with its count. */
export function horizontalBars(counts: Readonly<Record<string, number>>, empty: string): string {
  const entries = Object.entries(counts)
  if (entries.length === 0) return emptyChart(empty)
  const max = Math.max(...entries.map(([, n]) => n), 1)
  const rowHeight = 22
  const width = 640
  const labelWidth = 160
  const body = entries
    .map(([label, n], i) => {
      const y = 6 + i * rowHeight
      const w = (n / max) * (width - labelWidth - 70)
      return (
        `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end" ${FONT}>${escapeXml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="16" fill="${colour(i)}"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 13}" ${FONT}>${n}</text>`
      )
    })
    .join('')
  return svg(width, entries.length * rowHeight + 12, 'Bar chart', body)
}

/** Vertical bars over numeric keys (e.g. messages per customer → customers). */
export function histogram(
  counts: Readonly<Record<string, number>>,
  xLabel: string,
  empty: string,
): string {
  const keys = Object.keys(counts).sort((a, b) => Number(a) - Number(b))
  if (keys.length === 0) return emptyChart(empty)
  const max = Math.max(...keys.map((k) => counts[k]!))
  const width = 640
  const height = 200
  const plot = { left: 48, top: 10, width: width - 58, height: height - 50 }
  const step = plot.width / keys.length
  const bars = keys
    .map((key, i) => {
      const n = counts[key]!
      const h = (n / max) * plot.height
      const x = plot.left + i * step
      return (
        `<rect x="${x.toFixed(1)}" y="${(plot.top + plot.height - h).toFixed(1)}" width="${Math.max(1, step * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(0)}"><title>${escapeXml(`${key}: ${n}`)}</title></rect>` +
        `<text x="${(x + step * 0.4).toFixed(1)}" y="${plot.top + plot.height + 14}" text-anchor="middle" ${FONT}>${escapeXml(key)}</text>`
      )
    })
    .join('')
  const axis =
    `<text x="${plot.left - 6}" y="${plot.top + 10}" text-anchor="end" ${FONT}>${max}</text>` +
    `<text x="${plot.left + plot.width / 2}" y="${height - 6}" text-anchor="middle" ${FONT}>${escapeXml(xLabel)}</text>`
  return svg(width, height, xLabel, bars + axis)
}

function colour(index: number): string {
  return PALETTE[index % PALETTE.length]!
}

function svg(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(label)}">${body}</svg>`
}

function emptyChart(message: string): string {
  return `<p class="empty">${escapeXml(message)}</p>`
}
