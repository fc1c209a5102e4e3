import { env } from "@/lib/env";
import { parseAllowedHosts } from "./allowlist";
import type { Agent } from "undici";
import { guardedDispatcher } from "./dispatcher";

// The instance's outbound dispatcher for model endpoints: the address policy, with the hosts
// ASSAY_ALLOWED_MODEL_HOSTS lets through. One dispatcher for the process, so connections are pooled.

export { OutboundRefused, findRefusal, refusalFor, type RefusalReason } from "./address-policy";
export { guardedDispatcher, guardedFetch, type LookupFn } from "./dispatcher";
export { parseAllowedHosts } from "./allowlist";

let modelDispatcher: Agent | undefined;

export function modelHostsDispatcher(): Agent {
  modelDispatcher ??= guardedDispatcher({ allowed: parseAllowedHosts(env().ASSAY_ALLOWED_MODEL_HOSTS) });
  return modelDispatcher;
}

/** For tests that change the allowed hosts between cases. */
export function resetModelHostsFetch(): void {
  modelDispatcher = undefined;
}
