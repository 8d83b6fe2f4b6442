// Small behaviours that the strict Content-Security-Policy allows (no inline scripts).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// Complaint forms: show only the questions of the chosen category (without this script every group is shown
// under its category's name, and only the chosen category's answers are read).
function syncCategoryQuestions() {
  var select = document.querySelector("select[name=category]");
  if (!select) {
    return;
  }
  document.querySelectorAll("fieldset[data-category]").forEach(function (group) {
    group.hidden = group.dataset.category !== select.value;
  });
}
document.addEventListener("change", function (event) {
  if (event.target.matches("select[name=category]")) {
    syncCategoryQuestions();
  }
});
document.addEventListener("DOMContentLoaded", syncCategoryQuestions);

// A table wider than the screen scrolls sideways in its .table-responsive box: make that box reachable by
// keyboard (arrow keys scroll it) and name it, as WCAG 2.1 asks of scrollable regions. Boxes that fit are left
// alone, so they add no stop to the tab order.
function markScrollableTables(root) {
  (root || document).querySelectorAll(".table-responsive").forEach(function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      var caption = box.querySelector("caption");
      var heading = box.closest("section, main") && box.closest("section, main").querySelector("h1, h2");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabel: " + ((caption || heading || {}).textContent || "geser ke samping").trim());
    } else if (!scrolls && box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { markScrollableTables(); });
window.addEventListener("resize", function () { markScrollableTables(); });
document.addEventListener("htmx:afterSwap", function (event) { markScrollableTables(event.target); });
