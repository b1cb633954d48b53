// The guide's map: one marker per service with coordinates. A base map is drawn only when the
// page names a tile server (data-tiles-url, from the settings); otherwise nothing is fetched
// from outside our own server.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("guide-map");
  const source = document.getElementById("guide-map-data");
  if (!element || !source || !window.L) return;
  const { markers } = JSON.parse(source.textContent);
  const { tilesUrl, tilesAttribution } = element.dataset;
  const map = L.map(element, { attributionControl: Boolean(tilesUrl) });
  if (tilesUrl) {
    L.tileLayer(tilesUrl, { attribution: tilesAttribution || "", maxZoom: 19 }).addTo(map);
  }
  const points = markers.map((m) =>
    L.circleMarker([m.lat, m.lon], { radius: 8, color: "#0b4f6c", fillOpacity: 0.8 })
      .bindTooltip(`${m.name} – ${m.provider}`)
      .addTo(map),
  );
  map.fitBounds(L.featureGroup(points).getBounds(), { padding: [30, 30], maxZoom: 15 });
});
