/* The timeline: events per day/week/month stacked by type (from /api/timeline for the current filters);
   dragging across it sets the from/to filter in the URL. */
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  if (!box) return;
  var D = window.dateline, query = box.getAttribute("data-query") || "";
  var H = 140, M = { l: 38, r: 8, t: 8, b: 20 };

  fetch("/api/timeline" + (query ? "?" + query : "")).then(function (r) { return r.json(); }).then(draw)
    .catch(function () { box.appendChild(D.el("p", { "class": "hint" }, "could not load the timeline")); });

  function draw(data) {
    var bins = data.bins || [];
    if (!bins.length) { box.appendChild(D.el("p", { "class": "hint" }, "No dated events.")); return; }
    var W = Math.max(300, box.clientWidth - 16), pw = W - M.l - M.r, ph = H - M.t - M.b;
    var max = 1;
    bins.forEach(function (b) { var s = 0; for (var k in b.counts) s += b.counts[k]; b.total = s; if (s > max) max = s; });
    var bw = pw / bins.length;
    var svg = D.svg("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img",
                             "aria-label": "events per " + data.bucket + " by type" });
    var axis = D.svg("g", { "class": "axis" });
    axis.appendChild(D.svg("line", { x1: M.l, x2: W - M.r, y1: M.t + ph, y2: M.t + ph }));
    var yl = D.svg("text", { x: M.l - 4, y: M.t + 8, "text-anchor": "end" }); yl.textContent = String(max); axis.appendChild(yl);
    var y0 = D.svg("text", { x: M.l - 4, y: M.t + ph, "text-anchor": "end" }); y0.textContent = "0"; axis.appendChild(y0);
    var ticks = Math.min(8, bins.length), step = Math.max(1, Math.floor(bins.length / ticks));
    for (var i = 0; i < bins.length; i += step) {
      var t = D.svg("text", { x: M.l + i * bw, y: H - 4 }); t.textContent = bins[i].start; axis.appendChild(t);
    }
    svg.appendChild(axis);
    var bars = D.svg("g", { "class": "bars" });
    bins.forEach(function (b, i) {
      var y = M.t + ph;
      data.types.forEach(function (type) {
        var n = b.counts[type] || 0;
        if (!n) return;
        var h = n / max * ph;
        y -= h;
        var r = D.svg("rect", { x: (M.l + i * bw).toFixed(2), y: y.toFixed(2), width: Math.max(0.6, bw - (bw > 3 ? 1 : 0)).toFixed(2),
                                height: h.toFixed(2), fill: D.colour(type), "class": "bar" });
        var title = D.svg("title", {}); title.textContent = b.start + (b.end !== b.start ? " – " + b.end : "") + ": " + n + " " + type;
        r.appendChild(title);
        bars.appendChild(r);
      });
    });
    svg.appendChild(bars);
    var brush = D.svg("rect", { "class": "brush", x: 0, y: M.t, width: 0, height: ph, visibility: "hidden" });
    svg.appendChild(brush);
    box.appendChild(svg);
    var legend = D.el("div", { "class": "legend" });
    data.types.forEach(function (t) { legend.appendChild(D.el("span", { "class": "type-" + D.slug(t) }, t)); });
    legend.appendChild(D.el("span", {}, "per " + data.bucket));
    box.appendChild(legend);

    function index(ev) {
      var rect = svg.getBoundingClientRect();
      var x = (ev.clientX - rect.left) / rect.width * W;
      return Math.max(0, Math.min(bins.length - 1, Math.floor((x - M.l) / bw)));
    }
    var start = null;
    svg.addEventListener("pointerdown", function (ev) {
      start = index(ev); svg.setPointerCapture(ev.pointerId);
      brush.setAttribute("visibility", "visible"); move(ev);
    });
    function move(ev) {
      if (start === null) return;
      var a = Math.min(start, index(ev)), b = Math.max(start, index(ev));
      brush.setAttribute("x", M.l + a * bw); brush.setAttribute("width", Math.max(1, (b - a + 1) * bw));
    }
    svg.addEventListener("pointermove", move);
    svg.addEventListener("pointerup", function (ev) {
      if (start === null) return;
      var a = Math.min(start, index(ev)), b = Math.max(start, index(ev));
      start = null;
      var params = new URLSearchParams(window.location.search);
      params.set("from", bins[a].start); params.set("to", bins[b].end); params.delete("offset");
      window.location.assign(window.location.pathname + "?" + params.toString());
    });
  }
})();
