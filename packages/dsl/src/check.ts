import type { CheckResult } from './check-parsed.js'
import { documentFor } from './language-service/document.js'

export type { CheckResult }

/**
 * Parses and validates a `.dun` text. After each keystroke the editor asks for the
 * diagnostics, the outline and the quick fixes of the same text, so this goes through the
 * language service's last document (`documentFor`): the text is parsed once for all three,
 * and a second `check` of the same text returns the same (read-only) result.
 */
export function check(text: string): CheckResult {
  return documentFor(text).checked
}
