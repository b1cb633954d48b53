// The zone map of the map of needs: zone outlines coloured by the chosen family's ill-being
// share. A base map is drawn only when the page names a tile server (data-tiles-url, from the
// settings); otherwise nothing is fetched from outside our own server.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("needs-map");
  const source = document.getElementById("zone-map-data");
  if (!element || !source || !window.L) return;
  const data = JSON.parse(source.textContent);
  const colour = (share) => {
    if (share === null || share === undefined) return "#bdbdbd";
    const steps = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
    return steps[Math.min(steps.length - 1, Math.floor(share / 20))];
  };
  const { tilesUrl, tilesAttribution } = element.dataset;
  const map = L.map(element, { attributionControl: Boolean(tilesUrl), zoomSnap: 0.25 });
  if (tilesUrl) {
    L.tileLayer(tilesUrl, { attribution: tilesAttribution || "", maxZoom: 19 }).addTo(map);
  }
  // Over a base map the zones are a little see-through, so that streets and names show.
  const fillOpacity = tilesUrl ? 0.6 : 0.85;
  const layer = L.geoJSON(data, {
    style: (feature) => ({
      color: "#333", weight: 1, fillOpacity, fillColor: colour(feature.properties.share),
    }),
    onEachFeature: (feature, shape) => {
      const p = feature.properties;
      const figure = p.count === null ? "—" : `${p.count} (${p.share ?? "—"}%)`;
      shape.bindTooltip(`${p.name}: ${figure}`, { sticky: true });
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
});
