export {}
export {
  format,
  formatToEdits,
  printFile,
  type FormatResult,
  type FormatEditsResult,
} from './format.js'
