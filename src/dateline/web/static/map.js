/* The events map: country outlines from the vendored world-atlas, points loaded from /api/events.geojson
   for the current view and filters; dense views come back as a grid of counts. Nothing leaves the machine. */
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.L) return;
  var D = window.dateline, query = box.getAttribute("data-query") || "";
  var map = L.map(box, { minZoom: 1, maxZoom: 14, zoomSnap: 0.5, worldCopyJump: false });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth via world-atlas");
  map.setView([25, 20], 2);
  map.createPane("countries").style.zIndex = 250;

  fetch(box.getAttribute("data-atlas")).then(function (r) { return r.json(); }).then(function (topo) {
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      pane: "countries", interactive: false, style: function () { return { className: "country" }; }
    }).addTo(map);
  }).catch(function () { /* outlines are decoration: the points still load */ });

  var points = L.markerClusterGroup({ maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
                                      disableClusteringAtZoom: 13, chunkedLoading: true });
  var grid = L.layerGroup();
  points.addTo(map); grid.addTo(map);
  var status = L.control({ position: "bottomleft" });
  status.onAdd = function () { this.div = D.el("div", { "class": "map-status" }, "loading…"); return this.div; };
  status.addTo(map);

  function popup(p) {
    var div = D.el("div", { "class": "popup" });
    div.appendChild(D.el("div", { "class": "popup-type" }, p.event_type));
    div.appendChild(D.el("div", {}, p.sub_event_type));
    div.appendChild(D.el("div", {}, [p.location, p.country].filter(Boolean).join(", ") + " · " + (p.date || "undated")
      + (p.fatalities !== null && p.fatalities !== undefined ? " · " + p.fatalities + " dead" : "")));
    var a = D.el("a", { href: p.url, "class": "popup-link" }, "Event " + p.id + " →");
    div.appendChild(a);
    return div;
  }

  function show(data) {
    points.clearLayers(); grid.clearLayers();
    var markers = [];
    (data.features || []).forEach(function (f) {
      var c = f.geometry.coordinates, ll = [c[1], c[0]], p = f.properties;
      if (p.aggregate) {
        var size = Math.round(22 + 8 * Math.log10(p.count));
        var m = L.marker(ll, { icon: L.divIcon({ className: "agg-icon type-" + D.slug(p.event_type),
                                                 html: String(p.count), iconSize: [size, size] }),
                               title: p.count + " events; click to zoom in" });
        m.on("click", function () { map.setView(ll, Math.min(map.getZoom() + 2, 14)); });
        grid.addLayer(m);
      } else {
        var cm = L.circleMarker(ll, { radius: 7, color: "#ffffff", weight: 1.5, fillColor: D.colour(p.event_type),
                                      fillOpacity: 0.92, className: "ev-point type-" + D.slug(p.event_type) });
        cm.bindPopup(popup(p));
        markers.push(cm);
      }
    });
    points.addLayers(markers);
    status.div.textContent = (data.total || 0).toLocaleString() + " events in view" + (data.aggregated ? " (grid: zoom in for points)" : "");
  }

  var pending = null, first = true;
  function load() {
    var b = map.getBounds(), w = b.getWest(), e = b.getEast();
    if (e - w >= 360) { w = -180; e = 180; }
    var wrap = function (x) { return ((x + 180) % 360 + 360) % 360 - 180; };
    w = wrap(w); e = e >= 180 && w === -180 ? 180 : wrap(e);
    var bbox = [w, Math.max(-90, b.getSouth()), e, Math.min(90, b.getNorth())].map(function (x) { return x.toFixed(4); }).join(",");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch("/api/events.geojson?" + (query ? query + "&" : "") + (first ? "" : "bbox=" + bbox), { signal: pending.signal })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        show(data);
        if (first) {
          first = false;
          if (data.bounds) {
            var bd = data.bounds;
            map.fitBounds([[bd[0], bd[1]], [bd[2], bd[3]]], { padding: [40, 40], maxZoom: 5 });
          }
        }
        box.setAttribute("data-loaded", "1");
      })
      .catch(function (err) { if (err.name !== "AbortError") status.div.textContent = "could not load events"; });
  }
  map.on("moveend", function () { if (!first) load(); });
  load();
})();
