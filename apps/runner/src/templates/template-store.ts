import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DeliveryError } from '../channels/message.js'
import { parseTemplate, type Template } from './template-file.js'

export interface LoadedTemplate {
  readonly template: Template
  /** The language actually used (after the fallback). */
  readonly language: string
}

export interface TemplateStore {
  load(name: string, language: string): Promise<LoadedTemplate>
}

export const FALLBACK_LANGUAGE = 'en'

/**
 * Templates from a directory: `<dir>/<name>/<language>.md`. A customer's language is tried
 * first (`de-AT`, then `de`), then English. A missing or broken template is a permanent
 * delivery failure naming the template and the files tried — a dead letter, not a crash.
 * Files are read once and cached: restart the runner to pick up edits.
 */
export function directoryTemplates(dir: string): TemplateStore {
  const cache = new Map<string, Promise<Template | null>>()
  const read = (name: string, language: string): Promise<Template | null> => {
    const path = join(dir, name, `${language}.md`)
    let pending = cache.get(path)
    if (!pending) {
      pending = readTemplate(path)
      cache.set(path, pending)
      // A file that could not be read is tried again next time; a missing one is cached.
      pending.catch(() => cache.delete(path))
    }
    return pending
  }
  return {
    async load(name, language) {
      if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) {
        throw new DeliveryError(`template name "${name}" is not a plain file name`, true)
      }
      const tried = languageChain(language)
      for (const candidate of tried) {
        const template = await read(name, candidate)
        if (template) return { template, language: candidate }
      }
      throw new DeliveryError(
        `no template "${name}" for languages ${tried.join(', ')} in ${dir}: add ${join(dir, name, `${FALLBACK_LANGUAGE}.md`)}`,
        true,
      )
    },
  }
}

/** `de-AT` → de-AT, de, en. Only plain language tags: they become file names. */
export function languageChain(language: string): string[] {
  const chain: string[] = []
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
    chain.push(language)
    const base = language.split('-')[0]!
    if (base !== language) chain.push(base)
  }
  if (!chain.includes(FALLBACK_LANGUAGE)) chain.push(FALLBACK_LANGUAGE)
  return chain
}

async function readTemplate(path: string): Promise<Template | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new DeliveryError(`template ${path} cannot be read: ${(error as Error).message}`)
  }
  const parsed = parseTemplate(text)
  if (!parsed.ok) throw new DeliveryError(`template ${path} ${parsed.error}`, true)
  return parsed.template
}
