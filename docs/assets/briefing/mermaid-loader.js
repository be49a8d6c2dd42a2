/* briefing: load the shipped Mermaid only on pages that draw a diagram.
 *
 * Material for MkDocs renders `.mermaid` blocks with the global `mermaid`, and fetches it from a
 * CDN when there is none. This stand-in is that global: Material calls initialize() and render()
 * on it, and the first render() loads mermaid.min.js from beside this file (so the path is right
 * with or without directory URLs, and from file://), then hands over to the real library.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined") {
    return;
  }
  var here = document.currentScript && document.currentScript.src;
  var src = new URL("../vendor/mermaid/mermaid.min.js", here || document.baseURI).href;
  var options = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var stub = window.mermaid;
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          if (window.mermaid === stub) {
            reject(new Error("mermaid.min.js did not define mermaid"));
            return;
          }
          if (options) {
            window.mermaid.initialize(options);
          }
          resolve(window.mermaid);
        };
        script.onerror = function () {
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) {
      options = config;
    },
    render: function (id, text) {
      return load().then(function (real) {
        return real.render(id, text);
      });
    }
  };
})();
