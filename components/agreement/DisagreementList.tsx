import Link from "next/link";
import type { TDisagreementsAnswer } from "@/lib/reports/answers";
import { unitHref } from "@/lib/reports/urls";
import { type Column, Table } from "@/components/ui/Table";
import { fixed, shownValue } from "./format";
import type { TDisputedItem } from "./types";

/** Items most disputed first, each with the raters' values and whether it is settled; `offset` is the page's place in the ranking. */
export function DisagreementList({ answer, base, offset = 0 }: { answer: TDisagreementsAnswer; base: string; offset?: number }) {
  const key = answer.criterion.key;
  const columns: Column<TDisputedItem>[] = [
    { header: "Rank", cell: (row) => offset + answer.items.indexOf(row) + 1 },
    { header: "Disagreement", cell: (row) => fixed(row.disagreement, 2) },
    {
      header: "Item",
      cell: (row) => (
        <Link className="text-indigo-700 underline" href={unitHref(base, key, row)} data-testid="disputed-item">
          {row.itemId.slice(0, 8)}
          {row.side ? ` · side ${row.side}` : ""}
        </Link>
      ),
    },
    { header: "Labels", cell: (row) => row.labels.map((l) => `${l.raterName}: ${shownValue(l.value)}`).join(" · ") },
    {
      header: "Gold",
      cell: (row) => {
        const gold = row.gold.find((g) => g.kind === "ADJUDICATED") ?? row.gold[0];
        if (!gold) return <span className="text-slate-400">open</span>;
        return (
          <span data-testid="item-gold">
            {shownValue(gold.value)}
            {gold.needsReview ? " · needs a second look" : ""}
          </span>
        );
      },
    },
  ];
  return (
    <Table
      rows={answer.items}
      columns={columns}
      rowKey={(row) => `${row.itemId}:${row.side ?? ""}`}
      testId="disagreement-list"
      empty={
        <p className="text-sm text-slate-500" data-testid="disagreements-empty">
          No item has two labels on this criterion yet.
        </p>
      }
    />
  );
}
