// Small behaviours that the strict Content-Security-Policy allows (no inline scripts).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
