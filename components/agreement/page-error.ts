import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For the agreement pages' services: a missing queue is a 404, a refusal null (the page says why), the rest an error. */
export function pageError(error: unknown): null {
  if (error instanceof AppError && (error.code === "not_found" || error.code === "criterion_not_found")) notFound();
  if (error instanceof AppError && error.code === "forbidden") return null;
  throw error;
}
