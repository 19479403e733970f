import { describe, expect, it } from "vitest";
import { assertPublicUrl, isPrivateAddress } from "./address";

describe("private addresses", () => {
  it("knows the private, loopback, link-local and special ranges", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:1.1.1.1"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("refuses private targets unless allowed, and anything that is not http(s)", async () => {
    await expect(assertPublicUrl("http://127.0.0.1:9/hook", { allowPrivate: false, what: "the webhook URL" })).rejects.toThrow(/private network/);
    await expect(assertPublicUrl("http://[::1]/x", { allowPrivate: false, what: "the link" })).rejects.toThrow(/private network/);
    await expect(assertPublicUrl("http://localhost/x", { allowPrivate: false, what: "the link" })).rejects.toThrow(/private network|does not resolve/);
    await expect(assertPublicUrl("ftp://example.com/x", { allowPrivate: true, what: "the link" })).rejects.toThrow(/http\(s\)/);
    await expect(assertPublicUrl("not a url", { allowPrivate: true, what: "the link" })).rejects.toThrow(/not a valid URL/);
    await expect(assertPublicUrl("http://127.0.0.1:9/hook", { allowPrivate: true, what: "the webhook URL" })).resolves.toBeInstanceOf(URL);
    await expect(assertPublicUrl("http://8.8.8.8/", { allowPrivate: false, what: "the link" })).resolves.toBeInstanceOf(URL);
  });
});
