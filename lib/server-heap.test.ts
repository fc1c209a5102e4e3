import { describe, expect, it } from "vitest";
import { serverNodeOptions } from "./server-heap";

describe("serverNodeOptions", () => {
  it("adds the heap cap to the options the server would get", () => {
    expect(serverNodeOptions(undefined, 256)).toBe("--max-old-space-size=256");
    expect(serverNodeOptions("--enable-source-maps", 192)).toBe("--enable-source-maps --max-old-space-size=192");
  });

  it("leaves an operator's own cap alone, and adds none when set to 0", () => {
    expect(serverNodeOptions("--max-old-space-size=1024", 256)).toBe("--max-old-space-size=1024");
    expect(serverNodeOptions("--max-old-space-size 512 --trace-gc", 256)).toBe("--max-old-space-size 512 --trace-gc");
    expect(serverNodeOptions(undefined, 0)).toBeUndefined();
    expect(serverNodeOptions(" --trace-gc ", 0)).toBe("--trace-gc");
  });
});
