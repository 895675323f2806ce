/* Application forms: autosave while typing, a copy of unsaved input in this browser, one submit per click.
 *
 * - Forms marked data-autosave post themselves 3 seconds after the last change with the header
 *   X-Autosave: 1; the server answers JSON {status, version, message} and the hidden version field is
 *   updated, so that a second tab saving the same section is told (409) instead of overwriting.
 * - Every change is also kept in localStorage until the server has it; when the page opens with input that
 *   differs from what was saved (a closed tab, an expired session), the user is offered to restore it.
 * - A form posted with its buttons (保存する) marks the copy as sent; the page the server answers with after
 *   saving carries ?saved=<section>, and a sent copy is then dropped: the server has the input (it may show it
 *   normalised, e.g. without surrounding spaces, which must not read as "unsaved input").
 * - Forms marked data-once disable their buttons after the first submit (the server is idempotent anyway).
 */
(function () {
  "use strict";
  var DELAY = 3000;

  function fields(form) {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "file" || el.type === "hidden" || el.type === "submit" || el.type === "button") return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      values.push([el.name, el.value]);
    });
    return values;
  }

  function restore(form, values) {
    var byName = {};
    values.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in byName) || el.type === "hidden" || el.type === "file") return;
      if (el.type === "radio" || el.type === "checkbox") { el.checked = byName[el.name].indexOf(el.value) !== -1; }
      else { el.value = byName[el.name][0]; }
    });
  }

  function versionInput(form) {
    return form.querySelector('input[type="hidden"][name="version"], input[type="hidden"][name$="-version"]');
  }

  function setup(form) {
    var key = form.getAttribute("data-storage-key");
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    var stopped = false;
    var say = function (text) { if (status) status.textContent = text; };

    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    var justSaved = /(?:^|[?&])saved=([\w-]+)/.exec(window.location.search);
    if (justSaved) {
      // The section just saved (this one, or the previous one after 保存して次の様式へ).
      var savedKey = key.slice(0, key.lastIndexOf(":") + 1) + justSaved[1];
      var entry = null;
      try { entry = JSON.parse(window.localStorage.getItem(savedKey) || "null"); } catch (e) { entry = null; }
      if (entry && entry.sent) window.localStorage.removeItem(savedKey);
      if (savedKey === key && entry && entry.sent) saved = null;
    }
    if (saved && JSON.stringify(saved.values) !== JSON.stringify(fields(form))) {
      var box = form.querySelector("[data-restore]");
      if (box) {
        box.hidden = false;
        box.querySelector("[data-restore-apply]").addEventListener("click", function () {
          restore(form, saved.values); box.hidden = true; say("保存されていなかった入力を復元しました。保存ボタンを押して保存してください。");
        });
        box.querySelector("[data-restore-discard]").addEventListener("click", function () {
          window.localStorage.removeItem(key); box.hidden = true;
        });
      }
    } else if (saved) {
      window.localStorage.removeItem(key);
    }

    function keep() {
      try { window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: fields(form) })); } catch (e) { /* storage full or disabled */ }
    }

    function save() {
      if (stopped) return;
      var body = new FormData(form);
      body.delete("next");
      say("保存しています…");
      fetch(form.action || window.location.href, {
        method: "POST", body: body, credentials: "same-origin", redirect: "manual",
        headers: { "X-Autosave": "1", "X-Requested-With": "fetch" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.type === "opaqueredirect" || type.indexOf("application/json") === -1) {
          say("ログインの有効期限が切れたなどの理由で自動保存できませんでした。入力はこのブラウザに保管しています。ログインし直してから、このページで復元してください。");
          return null;
        }
        return response.json();
      }).then(function (data) {
        if (!data) return;
        if (data.status === "saved" || data.status === "unchanged") {
          var v = versionInput(form); if (v) v.value = data.version;
          window.localStorage.removeItem(key);
        } else if (data.status === "conflict") {
          stopped = true;
        }
        say(data.message);
      }).catch(function () {
        say("通信できなかったため自動保存できませんでした。入力はこのブラウザに保管しています。");
      });
    }

    function changed(event) {
      if (event.target && event.target.type === "file") return;
      keep();
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      window.clearTimeout(timer); stopped = true;
      try { window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: fields(form), sent: true })); } catch (e) { /* storage full or disabled */ }
    });
  }

  function once(form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = true; });
      }, 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), setup);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-once]"), once);
  });
})();
