/**
 * The browser half of the sidebar harness: a faithful `google.script.run` / `google.script.host`
 * injected ahead of the page's own scripts. Kept as plain ES5 text because it runs in Chromium.
 *
 * Mirrors the real client: the runner only has properties for the script's public global
 * functions; withSuccessHandler/withFailureHandler/withUserObject return new runners; Date,
 * function and DOM-element arguments throw synchronously; a form as the sole argument is sent
 * as {name: value}; handlers always run asynchronously with (value|error, userObject); a failure
 * without a failure handler surfaces as an uncaught error in the page.
 */
export function sidebarClientScript(functions: readonly string[]): string {
  return `<script>(function (functions) {
  function illegal(v, path) {
    if (v instanceof Date || typeof v === "function" || (typeof Node !== "undefined" && v instanceof Node)) return path;
    if (v && typeof v === "object") {
      for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k)) {
        var bad = illegal(v[k], path + "." + k);
        if (bad) return bad;
      }
    }
    return null;
  }
  function formToObject(form) {
    var out = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled || ((el.type === "checkbox" || el.type === "radio") && !el.checked)) continue;
      out[el.name] = el.value;
    }
    return out;
  }
  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }
  function makeRunner(opts) {
    function derive(key, value) {
      var next = { success: opts.success, failure: opts.failure, userObject: opts.userObject };
      next[key] = value;
      return makeRunner(next);
    }
    var runner = {
      withSuccessHandler: function (fn) { return derive("success", fn); },
      withFailureHandler: function (fn) { return derive("failure", fn); },
      withUserObject: function (obj) { return derive("userObject", obj); }
    };
    functions.forEach(function (name) {
      runner[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        if (args.length === 1 && typeof HTMLFormElement !== "undefined" && args[0] instanceof HTMLFormElement) {
          args = [formToObject(args[0])];
        }
        for (var i = 0; i < args.length; i++) {
          var bad = illegal(args[i], String(i));
          if (bad) throw new TypeError("Failed due to illegal value in property: " + bad);
        }
        function fail(error) {
          if (opts.failure) opts.failure(error, opts.userObject);
          else setTimeout(function () { throw error; });
        }
        post("/rpc", { fn: name, args: args })
          .then(function (r) { return r.json(); })
          .then(function (reply) {
            if (reply.ok) {
              if (opts.success) opts.success(reply.result, opts.userObject);
            } else {
              var err = new Error(reply.error.message);
              err.name = "ScriptError";
              fail(err);
            }
          }, function (networkError) { fail(networkError); });
      };
    });
    return runner;
  }
  function hostCall(action) { post("/host", { action: action }); }
  window.google = window.google || {};
  window.google.script = {
    run: makeRunner({}),
    host: {
      origin: location.origin,
      close: function () { hostCall("close"); },
      setHeight: function () { hostCall("setHeight"); },
      setWidth: function () { hostCall("setWidth"); },
      editor: { focus: function () { hostCall("editor.focus"); } }
    }
  };
})(${JSON.stringify(functions)});</script>`;
}
