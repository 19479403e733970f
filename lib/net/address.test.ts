import { describe, expect, it } from "vitest";
import { assertPublicUrl, isPrivateAddress } from "./address";

describe("private addresses", () => {
  it("knows the private, loopback, link-local and special ranges", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:1.1.1.1"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("judges IPv6 forms that carry an IPv4 address by that address, as the URL parser writes them", async () => {
    const hidden = [
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "::127.0.0.1",
      "::7f00:1",
      "64:ff9b::a9fe:a9fe",
      "64:ff9b:1::1",
      "2002:7f00:1::",
      "2002:a00:1::1",
      "2001:0:4136:e378::1",
      "2001:db8::1",
      "100::1",
      "fec0::1",
      "ff02::1",
      "::",
    ];
    for (const ip of hidden) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["::ffff:808:808", "64:ff9b::808:808", "2002:808:808::1", "2a00:1450:4001:80b::200e"]) expect(isPrivateAddress(ip), ip).toBe(false);
    for (const url of [
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[::127.0.0.1]/",
      "http://[2002:7f00:1::]/",
      "http://[64:ff9b::a9fe:a9fe]/",
    ]) {
      await expect(assertPublicUrl(url, { allowPrivate: false, what: "the link" }), url).rejects.toThrow(/private network/);
    }
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
