// Absen masuk/pulang: when the browser allows it, fill the hidden lat/lon fields before the form is sent.
// Without JavaScript or without permission the form is sent as it is (the location is optional).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-geolocate") || form.dataset.located || !navigator.geolocation) {
    return;
  }
  event.preventDefault();
  var status = document.querySelector("[data-geolocate-status]");
  if (status) {
    status.textContent = "Mengambil lokasi…";
  }
  var send = function () {
    form.dataset.located = "1";
    form.submit();
  };
  navigator.geolocation.getCurrentPosition(
    function (position) {
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
      form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(6);
      send();
    },
    send,
    { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 }
  );
});
