import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/base/errors.ts";
import { isSystemFolder, prepareFolder, prepareToWrite, writeAtomically } from "../../src/cli/io.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "maskid-io-"));

/** A write that puts half the text into the file, then fails as the file system would. */
const failingWrite = (code: string) => (path: string, text: string) => {
  writeFileSync(path, text.slice(0, text.length / 2));
  throw Object.assign(new Error(`${code}: simulated`), { code });
};

describe("writeAtomically", () => {
  it("replaces the file whole, leaving no temporary file", () => {
    const dir = scratch();
    const path = join(dir, "a.md");
    writeFileSync(path, "old");
    writeAtomically(path, "new text");
    expect(readFileSync(path, "utf8")).toBe("new text");
    expect(readdirSync(dir)).toEqual(["a.md"]);
  });

  it.each([
    ["ENOSPC", "no space left on device (ENOSPC)"],
    ["EACCES", "permission denied (EACCES)"],
    ["EROFS", "read-only file system (EROFS)"],
  ])("on %s names the path and the reason, removes the half-written temporary file and keeps the old file", (code, reason) => {
    const dir = scratch();
    const path = join(dir, "a.md");
    writeFileSync(path, "old");
    const write = () => writeAtomically(path, "new text that does not fit", failingWrite(code));
    expect(write).toThrow(InputError);
    expect(write).toThrow(`cannot write ${path}: ${reason}`);
    expect(readdirSync(dir)).toEqual(["a.md"]);
    expect(readFileSync(path, "utf8")).toBe("old");
  });

  it("fails cleanly where the file system refuses, even for root (a file used as a folder)", () => {
    const dir = scratch();
    writeFileSync(join(dir, "file"), "");
    expect(() => writeAtomically(join(dir, "file", "a.md"), "x")).toThrow(/cannot write .*file\/a\.md: a part of the path is not a folder \(ENOTDIR\)/);
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it("never replaces anything but a regular file", () => {
    const dir = scratch();
    mkdirSync(join(dir, "folder.md"));
    writeFileSync(join(dir, "target"), "kept");
    symlinkSync(join(dir, "target"), join(dir, "link.md"));
    expect(() => writeAtomically(join(dir, "folder.md"), "x")).toThrow(/folder\.md: it exists and is not a regular file/);
    expect(() => writeAtomically(join(dir, "link.md"), "x")).toThrow(/link\.md: it exists and is not a regular file/);
    expect(readFileSync(join(dir, "target"), "utf8")).toBe("kept");
  });
});

describe("prepareFolder and prepareToWrite", () => {
  it("creates a missing folder whose parent exists, and nothing deeper", () => {
    const dir = scratch();
    prepareFolder(join(dir, "new"));
    expect(existsSync(join(dir, "new"))).toBe(true);
    expect(() => prepareFolder(join(dir, "a", "b"))).toThrow(/cannot create folder .*a\/b: its parent .*\/a does not exist/);
    expect(existsSync(join(dir, "a"))).toBe(false);
  });

  it("refuses an existing file given as a folder, and a file path that is a folder", () => {
    const dir = scratch();
    writeFileSync(join(dir, "file"), "");
    expect(() => prepareFolder(join(dir, "file"))).toThrow(/cannot write into .*file: it is not a folder/);
    mkdirSync(join(dir, "plot.svg"));
    expect(() => prepareToWrite(join(dir, "plot.svg"))).toThrow(/plot\.svg: it exists and is not a regular file/);
  });

  it("refuses system folders, also through a symbolic link", () => {
    expect(() => prepareFolder("/etc")).toThrow(/refusing to write into \/etc: it is a system folder/);
    const link = join(scratch(), "etc");
    symlinkSync("/etc", link);
    expect(() => prepareFolder(join(link, "sub"))).toThrow(/refusing to write into .*etc\/sub \(really \/etc\/sub\): it is a system folder/);
  });

  it.each([
    ["/", true],
    ["/bin", true],
    ["/etc/maskid", true],
    ["/usr/local/share", true],
    ["/proc/1", true],
    ["/sys", true],
    ["/dev/shm", true],
    ["/boot", true],
    ["/lib64", true],
    ["/libexec/x", true],
    ["/sbin", true],
    ["/var", true],
    ["/var/lib/x", true],
    ["/var/tmp", false],
    ["/var/tmp/out", false],
    ["/var/tmpx", true],
    ["/tmp/out", false],
    ["/home/user/docs", false],
    ["/root/out", false],
    ["/library", false],
    ["/etcetera", false],
  ])("isSystemFolder(%s) is %s", (path, expected) => {
    expect(isSystemFolder(path)).toBe(expected);
  });
});
