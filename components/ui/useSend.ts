"use client";

import { useState } from "react";
import { errorText } from "./api";

export interface TSendMessage {
  tone: "success" | "error";
  text: string;
}

/**
 * A control that sends something and says how it went: `busy` while the send runs (buttons
 * disable on it), then the sentence the send answered, or the error's text.
 */
export function useSend() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<TSendMessage | null>(null);
  async function run(send: () => Promise<string>, onDone: () => void) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ tone: "success", text: await send() });
      onDone();
    } catch (e) {
      setMessage({ tone: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }
  return { busy, message, run };
}
