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
