/**
 * bc -l's library: s c a l e j, computed in fixed point (BigInts scaled by 10^w) with guard
 * digits past the caller's scale, then cut to it.
 */
import { BcError, num, pow10, rescale, type Num } from './number.ts'

const GUARD = 12

/** Fixed point at `w` digits. */
class Fixed {
  readonly one: bigint
  constructor(readonly w: number) {
    this.one = pow10(w)
  }
  from(n: Num): bigint {
    return rescale(n, this.w).v
  }
  mul(a: bigint, b: bigint): bigint {
    return (a * b) / this.one
  }
  div(a: bigint, b: bigint): bigint {
    return (a * this.one) / b
  }
  sqrt(a: bigint): bigint {
    let x = a > this.one ? a : this.one
    for (;;) {
      const y = (x + this.div(a, x)) / 2n
      if (y >= x) return x
      x = y
    }
  }
  /** Sums terms from `first`, each the last times `next(k)`, until they vanish. */
  series(first: bigint, next: (term: bigint, k: number) => bigint): bigint {
    let sum = 0n
    let term = first
    for (let k = 1; term !== 0n; k++) {
      sum += term
      term = next(term, k)
    }
    return sum
  }
  exp(x: bigint): bigint {
    if (x < 0n) return this.div(this.one, this.exp(-x))
    let halvings = 0
    while (x > this.one) {
      x /= 2n
      halvings++
    }
    let r = this.series(this.one, (t, k) => this.mul(t, x) / BigInt(k))
    for (; halvings > 0; halvings--) r = this.mul(r, r)
    return r
  }
  ln(x: bigint): bigint {
    if (x <= 0n) throw new BcError('logarithm of a number not above zero')
    let factor = 1n
    const low = this.one / 2n
    while (x >= 2n * this.one || x <= low) {
      x = this.sqrt(x)
      factor *= 2n
    }
    const u = this.div(x - this.one, x + this.one)
    const u2 = this.mul(u, u)
    let sum = 0n
    let power = u
    for (let k = 1n; power !== 0n; k += 2n) {
      sum += power / k
      power = this.mul(power, u2)
    }
    return 2n * factor * sum
  }
  atan(x: bigint): bigint {
    if (x < 0n) return -this.atan(-x)
    let doublings = 1n
    // a(x) = 2 a(x / (1 + sqrt(1 + x²))) brings x near 0, where the series is quick
    for (let i = 0; i < 3 || x > this.one / 10n; i++) {
      x = this.div(x, this.one + this.sqrt(this.one + this.mul(x, x)))
      doublings *= 2n
    }
    const x2 = this.mul(x, x)
    let sum = 0n
    let power = x
    for (let k = 1n, sign = 1n; power !== 0n; k += 2n, sign = -sign) {
      sum += (sign * power) / k
      power = this.mul(power, x2)
    }
    return doublings * sum
  }
  sin(x: bigint): bigint {
    const twoPi = 8n * this.atan(this.one)
    x %= twoPi
    const x2 = this.mul(x, x)
    return this.series(x, (t, k) => -this.mul(t, x2) / BigInt(2 * k * (2 * k + 1)))
  }
}

function run(scale: number, body: (f: Fixed) => bigint): Num {
  const f = new Fixed(scale + GUARD)
  return rescale(num(body(f), f.w), scale)
}

export const mathlib: Record<string, (args: Num[], scale: number) => Num> = {
  e: ([x], scale) => run(scale, (f) => f.exp(f.from(x!))),
  l: ([x], scale) => run(scale, (f) => f.ln(f.from(x!))),
  a: ([x], scale) => run(scale, (f) => f.atan(f.from(x!))),
  s: ([x], scale) => run(scale, (f) => f.sin(f.from(x!))),
  c: ([x], scale) => run(scale, (f) => f.sin(f.from(x!) + 2n * f.atan(f.one))),
  j: ([n, x], scale) =>
    run(scale, (f) => {
      let order = rescale(n!, 0).v
      const flip = order < 0n && order % 2n !== 0n
      if (order < 0n) order = -order
      const half = f.from(x!) / 2n
      let first = f.one
      for (let k = 1n; k <= order; k++) first = f.mul(first, half) / k
      const h2 = f.mul(half, half)
      const sum = f.series(first, (t, k) => -f.mul(t, h2) / (BigInt(k) * (BigInt(k) + order)))
      return flip ? -sum : sum
    }),
}

/** Arity of each library function, for calls' checking. */
export const MATHLIB_ARITY: Record<string, number> = { e: 1, l: 1, a: 1, s: 1, c: 1, j: 2 }
