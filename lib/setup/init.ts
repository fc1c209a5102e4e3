import { hashPassword } from "@/lib/auth/password";
import { sha256 } from "@/lib/auth/tokens";
import { insertKey } from "@/lib/apikeys/service";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db/client";
import type { TEnv } from "@/lib/env";
import { slugify } from "@/lib/projects/schemas";

export interface InitSettings {
  adminEmail?: string;
  adminPassword?: string;
  project?: string;
  apiKey?: string;
}

export function initSettingsFromEnv(e: TEnv): InitSettings {
  return {
    adminEmail: e.ASSAY_INIT_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ASSAY_INIT_ADMIN_PASSWORD,
    project: e.ASSAY_INIT_PROJECT,
    apiKey: e.ASSAY_INIT_API_KEY,
  };
}

/**
 * Headless first start: creates whatever of the admin, project and FULL API key is missing.
 * Running it again changes nothing, so deployments can set the variables permanently.
 */
export async function applyInitSettings(db: Db, settings: InitSettings): Promise<string[]> {
  if (settings.adminEmail && !settings.adminPassword) throw new Error("ASSAY_INIT_ADMIN_EMAIL needs ASSAY_INIT_ADMIN_PASSWORD");
  if (settings.apiKey && !settings.project) throw new Error("ASSAY_INIT_API_KEY needs ASSAY_INIT_PROJECT");
  const passwordHash = settings.adminPassword ? await hashPassword(settings.adminPassword) : null;
  return db.$transaction(async (tx) => {
    const done: string[] = [];
    let adminId: string | null = null;
    if (settings.adminEmail && passwordHash) {
      const existing = await tx.user.findUnique({ where: { email: settings.adminEmail } });
      if (existing) {
        adminId = existing.id;
      } else {
        const created = await tx.user.create({
          data: { email: settings.adminEmail, name: settings.adminEmail.split("@")[0], passwordHash, isInstanceAdmin: true },
        });
        adminId = created.id;
        done.push(`created instance admin ${settings.adminEmail}`);
        await recordAudit(tx, null, { action: "init.admin", targetType: "user", targetId: created.id });
      }
    }
    if (settings.project) {
      const slug = slugify(settings.project);
      let project = await tx.project.findUnique({ where: { slug } });
      if (!project) {
        project = await tx.project.create({ data: { slug, name: settings.project } });
        done.push(`created project ${settings.project} (/p/${slug})`);
        await recordAudit(tx, null, { projectId: project.id, action: "init.project", targetType: "project", targetId: project.id });
      }
      if (adminId) {
        const membership = await tx.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: adminId } } });
        if (!membership) {
          await tx.membership.create({ data: { projectId: project.id, userId: adminId, role: "ADMIN" } });
          done.push(`made ${settings.adminEmail} an admin of ${settings.project}`);
        }
      }
      if (settings.apiKey) {
        const key = await tx.apiKey.findUnique({ where: { keyHash: sha256(settings.apiKey) }, select: { projectId: true } });
        if (key && key.projectId !== project.id) throw new Error("ASSAY_INIT_API_KEY already belongs to another project");
        if (!key) {
          const created = await insertKey(tx, project.id, "Initial key (ASSAY_INIT_API_KEY)", "FULL", settings.apiKey, adminId);
          done.push("created the FULL API key from ASSAY_INIT_API_KEY");
          await recordAudit(tx, null, { projectId: project.id, action: "init.apikey", targetType: "api_key", targetId: created.id });
        }
      }
    }
    return done;
  });
}
