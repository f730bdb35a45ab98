/** ninefold in a browser (`ninefold/browser`): the library API and the web terminal. */
export * from '../index.ts'
export { startTerminal, type WebTerminal, type WebTerminalOptions } from './terminal.ts'
