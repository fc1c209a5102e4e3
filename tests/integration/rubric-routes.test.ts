import { describe, expect, it } from "vitest";
import * as draftRoute from "@/app/api/projects/[project]/rubrics/[rubricId]/draft/route";
import * as exportRoute from "@/app/api/projects/[project]/rubrics/[rubricId]/export/route";
import * as publishRoute from "@/app/api/projects/[project]/rubrics/[rubricId]/publish/route";
import * as importRoute from "@/app/api/projects/[project]/rubrics/import/route";
import * as listRoute from "@/app/api/projects/[project]/rubrics/route";
import { everyType } from "@/lib/rubrics/test-fixtures";
import { call, makeProject, sessionCookie, unique } from "@/tests/helpers/fixtures";

// The rubric routes over real Requests: status codes, field errors and the export file.

describe("rubric routes", () => {
  it("creates, refuses an invalid draft with field paths, publishes and exports a file", async () => {
    const project = await makeProject();
    const admin = project.users.ADMIN.id;
    const slug = unique("r");
    const created = await call(listRoute.POST, {
      method: "POST",
      params: { project: project.slug },
      user: admin,
      body: { slug, name: "Quality", template: "rag" },
    });
    expect(created.status).toBe(201);
    const params = { project: project.slug, rubricId: created.json.id as string };

    const broken = everyType();
    (broken.criteria[1].config as { levels: unknown[] }).levels.pop();
    const refused = await call(draftRoute.PUT, { method: "PUT", params, user: admin, body: broken });
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toContainEqual({ path: "criteria.1.config.levels", message: "Describe each of the 3 levels from 1 to 3" });

    expect((await call(draftRoute.PUT, { method: "PUT", params, user: admin, body: everyType() })).status).toBe(200);
    expect((await call(publishRoute.POST, { method: "POST", params, user: admin, body: { changeNote: "v1" } })).json).toMatchObject({ version: 1 });
    const taken = await call(listRoute.POST, { method: "POST", params: { project: project.slug }, user: admin, body: { slug, name: "Again" } });
    expect(taken.status).toBe(409);

    const request = new Request(`http://assay.test/api/projects/${project.slug}/rubrics/${params.rubricId}/export?format=json`, {
      headers: { cookie: await sessionCookie(admin) },
    });
    const file = await exportRoute.GET(request, { params: Promise.resolve(params) });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-v1.json"`);
    const body = JSON.parse(await file.text());
    expect(body).toMatchObject({ format: "assay.rubric/v1", slug, version: 1 });

    const bad = await call(importRoute.POST, {
      method: "POST",
      params: { project: project.slug },
      user: admin,
      body: { format: "json", content: JSON.stringify({ ...body, criteria: [{ ...body.criteria[0], key: "BAD KEY" }] }), slug: unique("imp") },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("criteria[BAD KEY].key");
  });
});
