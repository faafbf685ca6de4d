/**
 * CSRF defence in depth beside SameSite=Strict cookies: a mutation is accepted only when the
 * browser says it comes from this very site. Browsers send `Origin` on every POST, so a
 * missing one is refused too. Behind a proxy, `X-Forwarded-Host` names the public host.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin')
  const host = headers.get('x-forwarded-host') ?? headers.get('host')
  if (!origin || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

/** Whether the page was served over https (directly or through a proxy): cookies go `Secure`. */
export function isHttps(headers: Headers): boolean {
  const forwarded = headers.get('x-forwarded-proto')
  if (forwarded) return forwarded.split(',')[0]?.trim() === 'https'
  const origin = headers.get('origin')
  return origin?.startsWith('https:') ?? false
}
