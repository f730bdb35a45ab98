/** How long work held the host: a 5 ms timer runs beside it, and the longest wait between its turns is the answer. */
export async function heldHost<T>(work: () => Promise<T>): Promise<{ result: T; longest: number }> {
  let longest = 0
  let lastTurn = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - lastTurn)
    lastTurn = now
  }, 5)
  try {
    const result = await work()
    return { result, longest: Math.max(longest, performance.now() - lastTurn) }
  } finally {
    clearInterval(timer)
  }
}
