// Senimkey pages: progressive JavaScript only. Pages work without it; with it, fields are checked as you type
// (the server's checks stay the truth), the resend button counts down, the eGov mobile wait polls the status,
// and NCALayer signs from the desktop.
(function () {
  "use strict";

  // IIN/BIN check digit (docs/kazakh-eds.md §7): weights 1…11, then 3…11,1,2; 10 twice means invalid.
  function validIdentifier(digits) {
    if (!/^[0-9]{12}$/.test(digits)) return false;
    var d = digits.split("").map(Number), s = 0, i;
    for (i = 0; i < 11; i++) s += d[i] * (i + 1);
    s %= 11;
    if (s === 10) { s = 0; for (i = 0; i < 11; i++) s += d[i] * ((i + 2) % 11 + 1); s %= 11; if (s === 10) return false; }
    return s === d[11];
  }
  // The server's rule (docs/kazakh-mobile-codes.md): +7, 8 or 7, then ten digits of a mobile network's code.
  var mobileCodes = ["700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778"];
  function validPhone(text) {
    var trimmed = text.trim();
    if (!/^\+?[0-9 ()\-\u00a0]+$/.test(trimmed)) return false;
    var digits = trimmed.replace(/[^0-9]/g, "");
    if (trimmed.charAt(0) === "+" ? digits.charAt(0) !== "7" : !/^[78]/.test(digits)) return false;
    return digits.length === 11 && mobileCodes.indexOf(digits.substr(1, 3)) >= 0;
  }

  document.querySelectorAll("input[data-check]").forEach(function (input) {
    var hint = document.createElement("span");
    hint.className = "hint-invalid"; hint.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", hint);
    input.addEventListener("input", function () {
      var value = input.value.trim(), ok = value === "" || (input.dataset.check === "iin" ? validIdentifier(value) : validPhone(value));
      input.classList.toggle("invalid", !ok);
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      hint.textContent = ok ? "" : input.dataset.invalid;
    });
  });

  document.querySelectorAll("button[data-countdown]").forEach(function (button) {
    var left = parseInt(button.dataset.countdown, 10);
    button.disabled = true;
    var timer = setInterval(function () {
      left -= 1;
      button.textContent = left > 0 ? button.dataset.wait + " " + left : button.dataset.label;
      if (left <= 0) { button.disabled = false; clearInterval(timer); }
    }, 1000);
  });

  document.querySelectorAll("[data-poll]").forEach(function (element) {
    var timer = setInterval(function () {
      fetch(element.dataset.poll, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
        var signer = (body.signers || []).filter(function (s) { return s.id === element.dataset.signer; })[0];
        if (signer && (signer.state === "signed" || signer.state === "rejected")) { clearInterval(timer); window.location.reload(); }
      }).catch(function () {});
    }, 3000);
  });

  // NCALayer (wss://127.0.0.1:13579, kz.gov.pki.knca.basics.sign, docs/kazakh-eds.md §6.2): a detached CMS
  // over the document's bytes, sent to the platform, which verifies it itself.
  var sign = document.getElementById("ncalayer-sign");
  if (sign) {
    var status = document.getElementById("ncalayer-status");
    sign.addEventListener("click", function () {
      var base = "/api/v1/documents/" + sign.dataset.document + "/signers/" + sign.dataset.signer + "/eds";
      fetch(base, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (toSign) {
        var socket;
        try { socket = new WebSocket(window.SENIMKEY_NCALAYER_URL || "wss://127.0.0.1:13579/"); } catch (e) { status.textContent = sign.dataset.notRunning; return; }
        socket.onerror = function () { status.textContent = sign.dataset.notRunning; };
        socket.onopen = function () {
          status.textContent = sign.dataset.signing;
          socket.send(JSON.stringify({ module: "kz.gov.pki.knca.basics", method: "sign", args: {
            allowedStorages: null, format: "cms", data: toSign.data,
            signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
            signerParams: { extKeyUsageOids: [], chain: [] }, locale: document.documentElement.lang } }));
        };
        socket.onmessage = function (event) {
          var reply = JSON.parse(event.data);
          if (!reply.status || !reply.body || !reply.body.result) { status.textContent = reply.message || ""; socket.close(); return; }
          var cms = Array.isArray(reply.body.result) ? reply.body.result[0] : reply.body.result;
          socket.close();
          fetch(base, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
                        body: JSON.stringify({ format: "cms", signature: cms }) })
            .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
            .then(function (answer) { if (answer.ok) window.location.reload(); else status.textContent = answer.body.message; });
        };
      });
    });
  }
})();
