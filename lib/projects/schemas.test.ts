import { describe, expect, it } from "vitest";
import { ZProjectSlug, slugify } from "./schemas";

describe("ZProjectSlug", () => {
  it("accepts lower-case words joined by single dashes", () => {
    for (const slug of ["ab", "demo", "support-bot", "v2-eval-3", "a".repeat(48)]) {
      expect(ZProjectSlug.safeParse(slug).success, slug).toBe(true);
    }
  });

  it("trims and lower-cases before checking", () => {
    expect(ZProjectSlug.parse("  Support-Bot ")).toBe("support-bot");
  });

  it("rejects what cannot sit in a URL segment cleanly", () => {
    for (const slug of ["a", "", "-ab", "ab-", "a--b", "a_b", "a b", "a/b", "ünï", "a".repeat(49)]) {
      expect(ZProjectSlug.safeParse(slug).success, JSON.stringify(slug)).toBe(false);
    }
  });
});

describe("slugify", () => {
  it("turns a name into a slug", () => {
    expect(slugify("Support Bot")).toBe("support-bot");
    expect(slugify("  RAG / Eval (v2)!  ")).toBe("rag-eval-v2");
  });

  it("drops accents instead of splitting words at them", () => {
    expect(slugify("Café Crème")).toBe("cafe-creme");
    expect(slugify("Ünïcödé")).toBe("unicode");
  });

  it("pads names too short or with nothing usable", () => {
    expect(slugify("a")).toBe("project-a");
    expect(slugify("!!!")).toBe("project");
    expect(slugify("日本")).toBe("project");
  });

  it("always yields a valid slug, also when cut to length at a dash", () => {
    const names = ["x".repeat(47) + " y", "word ".repeat(30), "-".repeat(60), "Café Crème Brûlée ".repeat(5), "a"];
    for (const name of names) {
      const slug = slugify(name);
      expect(slug.length, name).toBeLessThanOrEqual(48);
      expect(ZProjectSlug.safeParse(slug).success, `${name} → ${slug}`).toBe(true);
    }
  });
});
