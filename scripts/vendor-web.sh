#!/usr/bin/env bash
# Re-vendor the browser libraries of `dateline serve` from npm (pinned), with their licences, into the
# Python package: the workbench then loads nothing from outside the machine. Run from the repository root.
set -euo pipefail
DEST=src/dateline/web/static/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2 >/dev/null)
for f in "$TMP"/*.tgz; do mkdir -p "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
rm -rf "$DEST" && mkdir -p "$DEST"/{leaflet,markercluster,topojson-client,world-atlas}
cp -r "$TMP"/leaflet-1.9.4/package/dist/{leaflet.js,leaflet.css,images} "$TMP"/leaflet-1.9.4/package/LICENSE "$DEST"/leaflet/
cp "$TMP"/leaflet.markercluster-1.5.3/package/dist/{leaflet.markercluster.js,MarkerCluster.css,MarkerCluster.Default.css} \
   "$TMP"/leaflet.markercluster-1.5.3/package/MIT-LICENCE.txt "$DEST"/markercluster/
cp "$TMP"/topojson-client-3.1.0/package/dist/topojson-client.min.js "$TMP"/topojson-client-3.1.0/package/LICENSE "$DEST"/topojson-client/
cp "$TMP"/world-atlas-2.0.2/package/{countries-110m.json,LICENSE} "$DEST"/world-atlas/
cat > "$DEST"/VERSIONS.txt <<'V'
leaflet 1.9.4 (BSD-2-Clause)            npm pack leaflet@1.9.4
leaflet.markercluster 1.5.3 (MIT)      npm pack leaflet.markercluster@1.5.3
topojson-client 3.1.0 (ISC)            npm pack topojson-client@3.1.0
world-atlas 2.0.2 (ISC; data: Natural Earth, public domain)   npm pack world-atlas@2.0.2
V
echo "vendored into $DEST"
