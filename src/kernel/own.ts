/**
 * A record's own entry for a name that came from outside (a user, a script, a package): never
 * one inherited from Object.prototype (`toString`, `constructor`, `__proto__`).
 */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}
