import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For pages: a service's not_found (or forbidden) becomes the 404 page, as for routes. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
