// What a run will cost before it starts, and when it must stop. Tokens are estimated, not
// counted: every model family has its own tokenizer and a connection may serve any of them,
// so one documented heuristic (characters / 4, OpenAI's rule of thumb for English text) is
// used for every model, and the real usage each reply reports replaces the estimate as calls
// come back. It undercounts scripts with many tokens per character (Chinese, Japanese) and
// dense JSON; the estimate says so by its name.

export const CHARS_PER_TOKEN = 4;
/** Chat formatting adds a few tokens per message and to prime the reply (OpenAI's cookbook counts 3 + 3). */
export const MESSAGE_OVERHEAD_TOKENS = 3;
export const REPLY_OVERHEAD_TOKENS = 3;
/** A rationale of a few sentences and the value: what a judge's reply usually takes. */
export const DEFAULT_OUTPUT_TOKENS = 200;

/** Estimated tokens of a text: its characters (code points) / 4, rounded up. */
export function estimateTokens(text: string): number {
  // Code points, not UTF-16 units: an emoji is one character, not two.
  return Math.ceil(Array.from(text).length / CHARS_PER_TOKEN);
}

/** The tokens of one request: its messages and the chat overhead. */
export const estimatePromptTokens = (messages: readonly string[]): number =>
  messages.reduce((sum, m) => sum + estimateTokens(m) + MESSAGE_OVERHEAD_TOKENS, REPLY_OVERHEAD_TOKENS);

/** A model's prices, in US dollars per million tokens. */
export interface TPrices {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface TUsage {
  inputTokens: number;
  outputTokens: number;
}

/** The cost of some usage in US dollars; null without prices (a self-hosted model may have none). */
export function costOf(usage: TUsage, prices: TPrices | null): number | null {
  if (!prices) return null;
  return (usage.inputTokens * prices.inputPerMillion + usage.outputTokens * prices.outputPerMillion) / 1_000_000;
}

export interface TRunEstimate extends TUsage {
  targets: number;
  calls: number;
  cost: number | null;
}

/**
 * The estimate for a run: each target's rendered messages, the calls per target (2 for a
 * pairwise judge, which answers in both orders) and the output tokens expected per call.
 */
export function estimateRun(options: {
  targets: Iterable<readonly string[]>;
  callsPerTarget: 1 | 2;
  outputTokensPerCall?: number;
  prices: TPrices | null;
}): TRunEstimate {
  const output = options.outputTokensPerCall ?? DEFAULT_OUTPUT_TOKENS;
  let targets = 0;
  let inputTokens = 0;
  for (const messages of options.targets) {
    targets++;
    inputTokens += estimatePromptTokens(messages) * options.callsPerTarget;
  }
  const calls = targets * options.callsPerTarget;
  const usage = { inputTokens, outputTokens: calls * output };
  return { targets, calls, ...usage, cost: costOf(usage, options.prices) };
}

export type TSpendCheck = { go: true; remaining: number | null } | { go: false; reason: string };

/**
 * Whether the next call may start: with a cap, only if what was spent plus the next call's
 * estimate stays within it, so a run stops before the call that would cross the cap, not
 * after. Calls already in flight may still land past it by their own cost.
 */
export function spendCheck(spent: number, cap: number | null, nextCall: number): TSpendCheck {
  if (cap === null) return { go: true, remaining: null };
  if (spent + nextCall > cap)
    return { go: false, reason: `The spend cap of $${cap} is reached: $${spent.toFixed(4)} spent, the next call is estimated at $${nextCall.toFixed(4)}` };
  return { go: true, remaining: cap - spent };
}
