import { Fatal } from "./common";

// How the commands talk to Assay: a GET with the project's API key, and a refusal turned into
// a failure that names the status, the API's message and its stable code.

export async function apiGet(url: string, key: string, pathAndQuery: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(new URL(pathAndQuery, url).toString(), { headers: { authorization: `Bearer ${key}` } });
  } catch (error) {
    const e = error as Error & { cause?: Error };
    throw new Fatal(`cannot reach ${url}: ${e.cause?.message ?? e.message}`);
  }
  if (!response.ok || !response.body) {
    const problem = await response.json().catch(() => ({}));
    const code = typeof problem.code === "string" ? ` (${problem.code})` : "";
    throw new Fatal(`the server answered ${response.status}: ${problem.detail ?? problem.title ?? response.statusText}${code}`);
  }
  return response;
}

export async function apiJson<T>(url: string, key: string, pathAndQuery: string): Promise<T> {
  return (await (await apiGet(url, key, pathAndQuery)).json()) as T;
}
