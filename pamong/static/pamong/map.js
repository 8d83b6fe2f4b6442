// Maps of complaint locations (Leaflet, served from this site; no inline script under the strict CSP).
//
// <div class="pamong-map" data-lat data-lng data-tiles data-attribution data-icon data-icon-2x data-shadow>
//   shows one point. With data-pick-lat and data-pick-lng (selectors of two inputs) a tap or a drag of the marker
//   writes the point into those inputs, and typing in them moves the marker. Without Leaflet or without a tile
//   server the element keeps its fallback content: the coordinates and a link to open them in a maps app.
(function () {
  "use strict";

  var DEFAULT_CENTER = [-2.5, 118.0]; // Indonesia, when nothing is chosen yet
  var DEFAULT_ZOOM = 4;
  var POINT_ZOOM = 17;

  function number(value) {
    var n = parseFloat(String(value || "").replace(",", "."));
    return isFinite(n) ? n : null;
  }

  function setUp(el) {
    if (!window.L || !el.dataset.tiles || el.dataset.ready) {
      return;
    }
    el.dataset.ready = "1";
    var latInput = el.dataset.pickLat ? document.querySelector(el.dataset.pickLat) : null;
    var lngInput = el.dataset.pickLng ? document.querySelector(el.dataset.pickLng) : null;
    var picking = Boolean(latInput && lngInput);
    var lat = number(picking ? latInput.value : el.dataset.lat);
    var lng = number(picking ? lngInput.value : el.dataset.lng);
    var hasPoint = lat !== null && lng !== null;
    var center = hasPoint ? [lat, lng] : [number(el.dataset.centerLat) || DEFAULT_CENTER[0], number(el.dataset.centerLng) || DEFAULT_CENTER[1]];

    el.replaceChildren();
    el.classList.add("pamong-map-live");
    var map = window.L.map(el, { scrollWheelZoom: false }).setView(center, hasPoint ? POINT_ZOOM : number(el.dataset.zoom) || DEFAULT_ZOOM);
    var area = bounds(el.dataset.bounds);
    if (area) {
      // The picker stays on the deployment's area (a little margin, so that a point on its edge can be placed).
      map.setMaxBounds(window.L.latLngBounds([area[0] - 0.2, area[1] - 0.2], [area[2] + 0.2, area[3] + 0.2]));
    }
    window.L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    var icon = window.L.icon({
      iconUrl: el.dataset.icon,
      iconRetinaUrl: el.dataset.icon2x,
      shadowUrl: el.dataset.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var marker = null;

    function place(point) {
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = window.L.marker(point, { icon: icon, draggable: picking, keyboard: picking, title: el.dataset.label || "Lokasi" }).addTo(map);
        if (picking) {
          marker.on("dragend", function () {
            write(marker.getLatLng());
          });
        }
      }
    }

    function write(point) {
      latInput.value = point.lat.toFixed(6);
      lngInput.value = point.lng.toFixed(6);
      latInput.dispatchEvent(new Event("change", { bubbles: true }));
    }

    if (hasPoint) {
      place([lat, lng]);
    }
    if (picking) {
      map.on("click", function (event) {
        place(event.latlng);
        write(event.latlng);
      });
      [latInput, lngInput].forEach(function (input) {
        input.addEventListener("input", function () {
          var a = number(latInput.value);
          var b = number(lngInput.value);
          if (a !== null && b !== null && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
            place([a, b]);
            map.setView([a, b], Math.max(map.getZoom(), 15));
          }
        });
      });
    }
  }

  // "Gunakan lokasi saya": the phone's position into the two inputs (the map, if any, follows them).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-locate]");
    if (!button) {
      return;
    }
    var status = button.parentElement.querySelector("[data-locate-status]");
    var latInput = document.querySelector(button.dataset.pickLat);
    var lngInput = document.querySelector(button.dataset.pickLng);
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }
    if (!navigator.geolocation || !latInput || !lngInput) {
      say("Peramban ini tidak dapat memberi lokasi; tandai di peta atau isi lintang dan bujur.");
      return;
    }
    say("Mencari lokasi…");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var area = bounds(button.dataset.bounds);
        var here = position.coords;
        if (area && (here.latitude < area[0] || here.latitude > area[2] || here.longitude < area[1] || here.longitude > area[3])) {
          say("Lokasi Anda sekarang di luar wilayah layanan ini; tandai lokasi kejadian di peta atau tulis alamatnya.");
          return;
        }
        latInput.value = position.coords.latitude.toFixed(6);
        lngInput.value = position.coords.longitude.toFixed(6);
        [latInput, lngInput].forEach(function (input) {
          input.dispatchEvent(new Event("input", { bubbles: true }));
        });
        say("Lokasi terisi (ketelitian sekitar " + Math.round(position.coords.accuracy) + " m). Periksa penanda di peta.");
      },
      function () {
        say("Lokasi tidak didapat (izin ditolak atau sinyal lemah); tandai di peta atau isi lintang dan bujur.");
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });

  // "selatan,barat,utara,timur" → [south, west, north, east], or null.
  function bounds(text) {
    var parts = (text || "").split(",").map(Number);
    return parts.length === 4 && parts.every(function (v) { return !isNaN(v); }) ? parts : null;
  }

  function setUpAll(root) {
    (root || document).querySelectorAll(".pamong-map").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpAll(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    setUpAll(event.target);
  });
})();
