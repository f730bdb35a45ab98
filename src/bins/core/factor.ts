/** factor: print the prime factors of each number (arbitrary size: trial division, then Pollard's rho). */
import { command, decode, readAll } from '../lib.ts'

const SMALL = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n
  base %= mod
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod
    base = (base * base) % mod
    exp >>= 1n
  }
  return result
}

/** Miller-Rabin with the first twelve primes as bases: exact below 3.3e24, overwhelmingly likely above. */
function isPrime(n: bigint): boolean {
  if (n < 2n) return false
  for (const p of SMALL) if (n % p === 0n) return n === p
  let d = n - 1n
  let r = 0
  while ((d & 1n) === 0n) {
    d >>= 1n
    r++
  }
  for (const a of SMALL) {
    let x = modPow(a, d, n)
    if (x === 1n || x === n - 1n) continue
    let composite = true
    for (let i = 1; i < r && composite; i++) {
      x = (x * x) % n
      if (x === n - 1n) composite = false
    }
    if (composite) return false
  }
  return true
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b]
  return a < 0n ? -a : a
}

function rho(n: bigint): bigint {
  for (let c = 1n; ; c++) {
    let x = 2n
    let y = 2n
    let d = 1n
    while (d === 1n) {
      x = (x * x + c) % n
      y = (y * y + c) % n
      y = (y * y + c) % n
      d = gcd(x - y, n)
    }
    if (d !== n) return d
  }
}

function factorize(n: bigint, out: bigint[]): void {
  for (const p of [2n, 3n, 5n]) {
    while (n % p === 0n) {
      out.push(p)
      n /= p
    }
  }
  for (let p = 7n; p * p <= n && p < 10000n; p += 2n) {
    while (n % p === 0n) {
      out.push(p)
      n /= p
    }
  }
  if (n === 1n) return
  if (isPrime(n)) {
    out.push(n)
    return
  }
  const d = rho(n)
  const parts: bigint[] = []
  factorize(d, parts)
  factorize(n / d, parts)
  out.push(...parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
}

export const factor = command({
  name: 'factor',
  usage: '[number ...]',
  summary: 'print prime factors',
  async run(proc) {
    const args = proc.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'))
    const words = args.length > 0 ? args : decode(await readAll(proc, 0)).split(/\s+/).filter((w) => w !== '')
    let status = 0
    const out: string[] = []
    for (const word of words) {
      const digits = word.replace(/^\+/, '')
      if (!/^\d+$/.test(digits)) {
        await proc.stdout.write(out.splice(0).join(''))
        await proc.stderr.write(`factor: '${word}' is not a valid positive integer\n`)
        status = 1
        continue
      }
      const n = BigInt(digits)
      const factors: bigint[] = []
      if (n > 1n) factorize(n, factors)
      out.push(`${n}:${factors.map((f) => ' ' + f).join('')}\n`)
    }
    await proc.stdout.write(out.join(''))
    return status
  },
})
