/** The jq-web package ships no types: its default export is a promise of the loaded engine. */
declare module 'jq-web' {
  const engine: Promise<{ raw(input: string, filter: string, flags: string[]): string | undefined }>
  export default engine
}
