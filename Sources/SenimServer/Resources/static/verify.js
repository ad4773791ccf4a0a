// The public verification page (/verify): the chosen file is hashed here, in the browser (Web Crypto SHA-256), and
// only its digest goes to the server. For an evidence package (an ASiC-E ZIP whose entries are stored, as the
// platform writes it) the digest is that of its document/ entry, found through the central directory.
(function () {
  "use strict";
  var input = document.getElementById("verify-file");
  var digest = document.getElementById("sha256");
  var status = document.getElementById("verify-status");
  var form = document.getElementById("verify-form");
  if (!input || !digest || !form || !window.crypto || !window.crypto.subtle) return;

  function u16(view, at) { return view.getUint16(at, true); }
  function u32(view, at) { return view.getUint32(at, true); }

  // The bytes of the single document/ entry of a stored ZIP, or null when this is not such a package.
  function packagedDocument(buffer) {
    var view = new DataView(buffer);
    if (buffer.byteLength < 22 || u32(view, 0) !== 0x04034b50) return undefined;
    var end = buffer.byteLength - 22;
    while (end >= 0 && u32(view, end) !== 0x06054b50) end--;
    if (end < 0) return undefined;
    var count = u16(view, end + 10), cursor = u32(view, end + 16), found = null;
    var decoder = new TextDecoder("utf-8");
    for (var i = 0; i < count; i++) {
      if (cursor + 46 > buffer.byteLength || u32(view, cursor) !== 0x02014b50) return undefined;
      var method = u16(view, cursor + 10), size = u32(view, cursor + 24);
      var nameLength = u16(view, cursor + 28), extra = u16(view, cursor + 30), comment = u16(view, cursor + 32);
      var local = u32(view, cursor + 42);
      var name = decoder.decode(new Uint8Array(buffer, cursor + 46, nameLength));
      if (i === 0 && name !== "mimetype") return undefined;
      if (name.indexOf("document/") === 0) {
        if (method !== 0 || found) return null;
        var start = local + 30 + u16(view, local + 26) + u16(view, local + 28);
        found = buffer.slice(start, start + size);
      }
      cursor += 46 + nameLength + extra + comment;
    }
    return found;
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) return;
    status.textContent = input.getAttribute("data-hashing");
    file.arrayBuffer().then(function (buffer) {
      var inner = packagedDocument(buffer);
      if (inner === null) { status.textContent = input.getAttribute("data-no-document"); return null; }
      return window.crypto.subtle.digest("SHA-256", inner === undefined ? buffer : inner);
    }).then(function (sum) {
      if (!sum) return;
      digest.value = hex(sum);
      form.submit();
    }).catch(function () { status.textContent = input.getAttribute("data-unreadable"); });
  });
})();
