// Camat report: warn before leaving the page while a section text has been typed but not yet saved or sent.
// Submitting the form ("Simpan uraian", or "Sampaikan laporan", which belongs to it) is not leaving it unsaved.
(function () {
  var form = document.querySelector("form[data-unsaved-warning]");
  if (!form) {
    return;
  }
  var dirty = false;
  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
