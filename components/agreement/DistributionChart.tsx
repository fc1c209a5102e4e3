"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TCriterionReport } from "./types";

const COLOURS = ["#4f46e5", "#f59e0b", "#10b981", "#ef4444", "#0ea5e9", "#a855f7"];

/** Each rater's share of each value, side by side: who is harsh, who is lenient. */
export function DistributionChart({ distribution, names }: { distribution: TCriterionReport["distribution"]; names: Record<string, string> }) {
  const values = [...new Set(distribution.flatMap((d) => Object.keys(d.values)))].sort((a, b) =>
    Number.isNaN(Number(a)) ? a.localeCompare(b) : Number(a) - Number(b),
  );
  if (values.length === 0) return <p className="text-sm text-slate-500">No labels yet.</p>;
  const data = values.map((value) => {
    const row: Record<string, string | number> = { value };
    for (const d of distribution) row[names[d.rater] ?? d.rater] = d.labels ? Math.round(((d.values[value] ?? 0) / d.labels) * 100) : 0;
    return row;
  });
  return (
    <div className="h-56 w-full" data-testid="distribution-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="value" />
          <YAxis unit="%" />
          <Tooltip formatter={(v) => `${v}% of their labels`} />
          <Legend />
          {distribution.map((d, i) => (
            <Bar key={d.rater} dataKey={names[d.rater] ?? d.rater} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
