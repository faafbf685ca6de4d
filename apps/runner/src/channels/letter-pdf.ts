import PDFDocument from 'pdfkit'
import type { OutgoingMessage } from './message.js'

/**
 * Renders a letter as an A4 PDF: the postal address block, the date, the subject and the
 * body. Deterministic for the same message (no creation date in the metadata), so a
 * retried letter is byte-identical.
 */
export async function renderLetterPdf(message: OutgoingMessage, date: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: message.content.subject, CreationDate: new Date(0) },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.fontSize(10).text(message.customer.postal_address ?? '', { lineGap: 2 })
  doc.moveDown(2).text(date, { align: 'right' })
  doc.moveDown(2).fontSize(13).text(message.content.subject)
  doc.moveDown().fontSize(11).text(message.content.text, { lineGap: 3 })
  doc.end()
  return finished
}
