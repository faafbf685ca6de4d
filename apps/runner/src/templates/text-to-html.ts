/**
 * The HTML part of an email from its rendered text: paragraphs separated by blank lines,
 * consecutive `- ` lines as a list, everything escaped (values from customer data can
 * never inject markup).
 */
export function textToHtml(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
  return blocks.map(blockToHtml).join('\n')
}

function blockToHtml(block: string): string {
  const lines = block.split('\n')
  if (lines.every((line) => line.startsWith('- '))) {
    return `<ul>${lines.map((line) => `<li>${escapeHtml(line.slice(2))}</li>`).join('')}</ul>`
  }
  return `<p>${lines.map(escapeHtml).join('<br>')}</p>`
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
