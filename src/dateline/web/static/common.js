/* dateline workbench: shared helpers (palette from the page's data-palette attribute). */
(function () {
  "use strict";
  var pal = JSON.parse(document.body.getAttribute("data-palette") || '{"types":{},"other":"#999"}');
  window.dateline = {
    palette: pal,
    colour: function (t) { return pal.types[t] || pal.other; },
    slug: function (t) { return String(t || "other").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "other"; },
    el: function (tag, attrs, text) {
      var e = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined && text !== null) e.textContent = String(text);
      return e;
    },
    svg: function (tag, attrs) {
      var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      return e;
    }
  };
})();
