// The "Cetak" button on the SKP print page; without JavaScript the browser's own print command works.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-skp-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
