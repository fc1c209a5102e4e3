import { Button } from "@/components/ui/Button";
import type { TSaveState } from "./useDraft";

const SAVE_TEXT: Record<TSaveState, string> = {
  idle: "",
  saving: "Saving draft…",
  saved: "Draft saved",
  local: "Offline: draft kept on this device, sent when the connection is back",
  "lease-lost": "Your hold on this item expired: a submit is still accepted while the item needs labels",
};

/** The item's actions as buttons, for mouse users; each names its key. */
export function ItemToolbar(props: {
  saveState: TSaveState;
  flagged: boolean;
  reviewing: boolean;
  busy: boolean;
  onSkip: () => void;
  onFlag: () => void;
  onComment: () => void;
  onBack: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Item actions">
      {!props.reviewing ? (
        <Button type="button" variant="secondary" onClick={props.onSkip} disabled={props.busy}>
          Skip <kbd className="ml-1 text-xs text-slate-500">x</kbd>
        </Button>
      ) : null}
      <Button type="button" variant="secondary" onClick={props.onFlag} aria-pressed={props.flagged}>
        {props.flagged ? "Unflag" : "Flag"} <kbd className="ml-1 text-xs text-slate-500">f</kbd>
      </Button>
      <Button type="button" variant="secondary" onClick={props.onComment}>
        Comment <kbd className="ml-1 text-xs text-slate-500">c</kbd>
      </Button>
      <Button type="button" variant="secondary" onClick={props.onBack}>
        Previous label <kbd className="ml-1 text-xs text-slate-500">[</kbd>
      </Button>
      <span className="ml-auto text-xs text-slate-500" data-testid="draft-state" aria-live="polite">
        {SAVE_TEXT[props.saveState]}
      </span>
    </div>
  );
}
