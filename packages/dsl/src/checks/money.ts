import { isCurrency } from '@dun/engine'
import type { CurrenciesDecl, MoneyAmount, MoneyLiteral, Name } from '../ast.js'
import { CODES } from '../codes.js'
import { majorUnits } from '../compile/major-units.js'
import { didYouMean, didYouMeanPhrase, listChoices } from '../did-you-mean.js'
import { fixesFor, type CheckSet, type Problem, type Report } from './registry.js'
import type { Scope } from './scope.js'

function invalidCurrency(name: Name, choices: readonly string[]): Problem {
  const suggestion = didYouMean(name.text, choices)
  return {
    code: CODES.invalidCurrency,
    at: name,
    message: `'${name.text}' is not an ISO 4217 currency code.${didYouMeanPhrase(suggestion)}`,
    hint: 'Write a three-letter ISO code such as USD, EUR or GBP.',
    ...fixesFor(name, [suggestion]),
  }
}

/** One amount: a real currency, listed by the policy, with no more decimals than it has. */
function checkAmount(amount: MoneyAmount, report: Report, scope: Scope): void {
  const currency = amount.currency
  if (!isCurrency(currency.text)) {
    report(invalidCurrency(currency, [...scope.currencyCodes]))
    return
  }
  if (scope.test === null && scope.currencies !== null && !scope.currencyCodes.has(currency.text)) {
    const listed = [...scope.currencyCodes]
    const suggestion = didYouMean(currency.text, listed)
    report({
      code: CODES.unknownCurrency,
      at: currency,
      message: `${currency.text} is not one of the policy's currencies (${listChoices(listed, 'and')}).${didYouMeanPhrase(suggestion)}`,
      hint: `Add ${currency.text} to 'currencies', or use ${listChoices(listed)}.`,
      ...fixesFor(currency, [suggestion]),
    })
  }
  const parsed = majorUnits(amount.amount, currency.text)
  if (!parsed.ok) {
    report({
      code: CODES.tooManyDecimals,
      at: amount,
      message: `${parsed.error}.`,
      hint: `Write the amount in ${currency.text} with at most the currency's number of decimals.`,
    })
  }
}

/** Whether one of the first `count` amounts is in `currency` (amounts are few: a scan). */
function hasAmountIn(amounts: readonly MoneyAmount[], currency: string, count: number): boolean {
  for (let i = 0; i < count; i++) if (amounts[i]!.currency.text === currency) return true
  return false
}

function checkMoney(money: MoneyLiteral, report: Report, scope: Scope): void {
  const amounts = money.amounts
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i]!
    checkAmount(amount, report, scope)
    const currency = amount.currency.text
    if (hasAmountIn(amounts, currency, i)) {
      report({
        code: CODES.currencyTwiceInAmount,
        at: amount,
        message: `${currency} appears twice in this amount: which one applies is unclear.`,
        hint: `Keep one amount in ${currency}.`,
      })
    }
  }
  if (scope.test === null) reportMissingCurrencies(money, report, scope)
}

/** A threshold or fee without an amount in one of the policy's currencies never applies to it. */
function reportMissingCurrencies(money: MoneyLiteral, report: Report, scope: Scope): void {
  let missing: string[] | null = null
  for (const currency of scope.realCurrencies) {
    if (!hasAmountIn(money.amounts, currency, money.amounts.length)) (missing ??= []).push(currency)
  }
  if (missing === null) return
  const effect =
    scope.step?.action.kind === 'lateFee' && scope.step.action.fee === money
      ? 'get no fee'
      : 'never match this comparison'
  report({
    code: CODES.thresholdMissingCurrency,
    at: money,
    message: `No amount in ${listChoices(missing, 'and')}: invoices in ${listChoices(missing)} ${effect}.`,
    hint: `Add an amount per currency, e.g. ${money.amounts[0]?.amount ?? '100'} ${money.amounts[0]?.currency.text ?? 'USD'} | … ${missing[0]!}.`,
  })
}

function checkCurrenciesDecl(decl: CurrenciesDecl, report: Report): void {
  const seen = new Set<string>()
  for (const name of decl.currencies) {
    if (!isCurrency(name.text)) report(invalidCurrency(name, []))
    if (seen.has(name.text)) {
      report({
        code: CODES.currencyListedTwice,
        at: name,
        message: `${name.text} is listed twice in 'currencies'.`,
        hint: `Remove the second ${name.text}.`,
      })
    }
    seen.add(name.text)
  }
}

export const moneyChecks: CheckSet = {
  money: [checkMoney],
  currencies: [checkCurrenciesDecl],
}
