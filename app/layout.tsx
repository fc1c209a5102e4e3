import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/layout/DemoBanner";
import { db } from "@/lib/db/client";
import { demoCredentialsActive } from "@/lib/users/service";
import "./globals.css";

export const metadata: Metadata = { title: "Assay", description: "Human feedback for GenAI applications" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page dynamic, so each gets its own CSP nonce.
  await headers();
  const demo = await demoCredentialsActive(db()).catch(() => false);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {demo ? <DemoBanner /> : null}
        {children}
      </body>
    </html>
  );
}
