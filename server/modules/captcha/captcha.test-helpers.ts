import { solveChallenge, type Challenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'

/** Solves a challenge like the widget and encodes the payload it submits (base64 JSON). */
export async function solveToPayload(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 30_000 })
  if (!solution) throw new Error('challenge not solved')
  return encodePayload({
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution,
  })
}

export const encodePayload = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64')

export const decodePayload = (payload: string): { challenge: Challenge; solution: unknown } =>
  JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as {
    challenge: Challenge
    solution: unknown
  }
