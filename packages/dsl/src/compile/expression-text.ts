/**
 * Canonical source text of an expression, printed from the tree rather than sliced from the
 * file: the compiled output (stop/pause reasons, segment and guard texts) then stays the
 * same when a policy is only reformatted or its comments change. It is the formatter's own
 * printing on one line, so the two can never disagree (`049.9 USD` is `49.90 USD` in both).
 */
export { expressionText } from '../format/expression.js'
