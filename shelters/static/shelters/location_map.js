// The admin's location preview: shows the point typed into latitude/longitude,
// and a click or a marker drag writes the point back into those fields.
// Tile requests tell the tile server where the map looks, so an area-only
// shelter's map stops at a coarse zoom and a hidden shelter's loads no tiles.
// Without a tile server (MAP_TILE_URL blank, the default) no map loads tiles.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".location-map");
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    if (!box || !lat || !lon || !window.L) {
      return;
    }
    var note = document.querySelector(".location-map-note");
    var disclosure = document.getElementById("id_location_disclosure");
    var areaMaxZoom = parseInt(box.dataset.areaMaxZoom, 10);
    var map = L.map(box);
    var tiles = null;
    var marker = null;

    function level() {
      return disclosure ? disclosure.value : "public";
    }

    function applyPolicy() {
      if (tiles) {
        map.removeLayer(tiles);
        tiles = null;
      }
      var current = level();
      if (current === "hidden") {
        note.textContent = "No map tiles for a hidden shelter: fetching them would tell the tile server where it is.";
        map.setMaxZoom(18);
        return;
      }
      var maxZoom = current === "area" ? areaMaxZoom : 18;
      map.setMaxZoom(maxZoom);
      if (!box.dataset.tiles) {
        // MAP_TILE_URL is unset: the page asks no other host for anything.
        note.textContent = "No map tiles: the administrator has set no tile server (MAP_TILE_URL).";
        return;
      }
      note.textContent = current === "area"
        ? "Area-only shelter: the map stops at a coarse zoom so the tile server learns no more than the public area."
        : "";
      tiles = L.tileLayer(box.dataset.tiles, {
        maxZoom: maxZoom,
        attribution: box.dataset.attribution,
        referrerPolicy: "no-referrer",
      }).addTo(map);
    }

    function typedPoint() {
      var a = parseFloat(lat.value);
      var b = parseFloat(lon.value);
      return isFinite(a) && isFinite(b) ? [a, b] : null;
    }

    function write(latlng) {
      lat.value = latlng.lat.toFixed(7);
      lon.value = latlng.lng.toFixed(7);
    }

    function show() {
      var point = typedPoint();
      if (!point) {
        if (marker) {
          map.removeLayer(marker);
          marker = null;
        }
        map.setView([39.5, -98.35], 4);
        return;
      }
      if (!marker) {
        marker = L.marker(point, { draggable: true }).addTo(map);
        marker.on("dragend", function () {
          write(marker.getLatLng());
        });
      } else {
        marker.setLatLng(point);
      }
      map.setView(point, Math.min(map.getMaxZoom(), 14));
    }

    map.on("click", function (event) {
      write(event.latlng);
      show();
    });
    lat.addEventListener("change", show);
    lon.addEventListener("change", show);
    if (disclosure) {
      disclosure.addEventListener("change", function () {
        applyPolicy();
        show();
      });
    }
    applyPolicy();
    show();
  });
})();
