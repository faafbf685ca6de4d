import { describe, expect, it } from 'vitest'
import { isHttps, isSameOrigin } from '../lib/server/same-origin.js'

describe('the CSRF origin check', () => {
  const request = (headers: Record<string, string>) => new Headers(headers)

  it('accepts a request whose Origin is this host', () => {
    expect(isSameOrigin(request({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).toBe(
      true,
    )
  })

  it('refuses another site, another port, a missing or a malformed Origin', () => {
    expect(isSameOrigin(request({ origin: 'https://evil.example', host: 'localhost:3000' }))).toBe(
      false,
    )
    expect(isSameOrigin(request({ origin: 'http://localhost:4000', host: 'localhost:3000' }))).toBe(
      false,
    )
    expect(isSameOrigin(request({ host: 'localhost:3000' }))).toBe(false)
    expect(isSameOrigin(request({ origin: 'null', host: 'localhost:3000' }))).toBe(false)
  })

  it('compares with the public host behind a proxy', () => {
    const headers = request({
      origin: 'https://dun.example.com',
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'dun.example.com',
    })
    expect(isSameOrigin(headers)).toBe(true)
  })

  it('marks cookies Secure only when the page came over https', () => {
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }))).toBe(true)
    expect(isHttps(request({ 'x-forwarded-proto': 'http' }))).toBe(false)
    expect(isHttps(request({ origin: 'https://dun.example.com' }))).toBe(true)
    expect(isHttps(request({}))).toBe(false)
  })
})
