// The guide's map: one marker per service with coordinates; no external tiles are loaded.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("guide-map");
  const source = document.getElementById("guide-map-data");
  if (!element || !source || !window.L) return;
  const { markers } = JSON.parse(source.textContent);
  const map = L.map(element, { attributionControl: false });
  const points = markers.map((m) =>
    L.circleMarker([m.lat, m.lon], { radius: 8, color: "#0b4f6c", fillOpacity: 0.8 })
      .bindTooltip(`${m.name} – ${m.provider}`)
      .addTo(map),
  );
  map.fitBounds(L.featureGroup(points).getBounds(), { padding: [30, 30], maxZoom: 15 });
});
