import { z } from 'zod';

/**
 * How a failed operation is retried (opening a connection, a whole transaction): exponential
 * backoff with full jitter, bounded twice.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means no retry. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No attempt starts after this much time since the first. */
  readonly totalTimeMs: number;
}

const positive = z.number().int().positive();

/** A policy as options give it: any field left out takes the default. */
export const retryPolicyFields = { attempts: positive.optional(), baseDelayMs: positive.optional(), maxDelayMs: positive.optional(), totalTimeMs: positive.optional() };

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 2_000, totalTimeMs: 10_000 };

/** The policy `given` asks for, each field it leaves out taken from `defaults`. */
export function resolveRetryPolicy(given: { readonly [K in keyof RetryPolicy]?: number | undefined } | undefined, defaults: RetryPolicy): RetryPolicy {
  return {
    attempts: given?.attempts ?? defaults.attempts,
    baseDelayMs: given?.baseDelayMs ?? defaults.baseDelayMs,
    maxDelayMs: given?.maxDelayMs ?? defaults.maxDelayMs,
    totalTimeMs: given?.totalTimeMs ?? defaults.totalTimeMs,
  };
}

/** "Full jitter": a uniform delay between 0 and the exponential cap, so clients do not retry in step. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}

/**
 * Runs `operation` until it succeeds, fails with an error `shouldRetry` rejects, or the policy's
 * attempts or total time are used up; then throws the last error.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  shouldRetry: (error: unknown) => boolean,
  onRetry?: (error: unknown, retry: number, delayMs: number) => void,
): Promise<T> {
  const start = Date.now();
  for (let retry = 0; ; retry++) {
    try {
      return await operation();
    } catch (error) {
      const delay = backoffDelay(retry, policy);
      const outOfTime = Date.now() - start + delay >= policy.totalTimeMs;
      if (retry + 1 >= policy.attempts || outOfTime || !shouldRetry(error)) throw error;
      onRetry?.(error, retry + 1, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
