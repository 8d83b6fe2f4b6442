// A small toolbar over the minutes textarea: wraps the selection in <strong>, <em>, <h3>, or turns the selected
// lines into a list. The textarea keeps working without it; the server sanitises whatever arrives.
(function () {
  "use strict";

  function wrap(area, before, after) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var chosen = text.slice(start, end) || "teks";
    area.value = text.slice(0, start) + before + chosen + after + text.slice(end);
    area.focus();
    area.setSelectionRange(start + before.length, start + before.length + chosen.length);
  }

  function list(area, tag) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var lines = (text.slice(start, end) || "butir").split(/\n/).filter(function (l) { return l.trim(); });
    var html = "<" + tag + ">\n" + lines.map(function (l) { return "  <li>" + l.trim() + "</li>"; }).join("\n") + "\n</" + tag + ">";
    area.value = text.slice(0, start) + html + text.slice(end);
    area.focus();
  }

  var buttons = [
    ["B", "Tebal", function (a) { wrap(a, "<strong>", "</strong>"); }],
    ["I", "Miring", function (a) { wrap(a, "<em>", "</em>"); }],
    ["H", "Subjudul", function (a) { wrap(a, "<h3>", "</h3>"); }],
    ["•", "Daftar berbutir", function (a) { list(a, "ul"); }],
    ["1.", "Daftar bernomor", function (a) { list(a, "ol"); }],
    ["¶", "Paragraf", function (a) { wrap(a, "<p>", "</p>"); }]
  ];

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
      var bar = document.createElement("div");
      bar.className = "richtext-toolbar btn-group btn-group-sm mb-1";
      bar.setAttribute("role", "toolbar");
      bar.setAttribute("aria-label", "Format notulen");
      buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-outline-secondary";
        button.textContent = b[0];
        button.title = b[1];
        button.setAttribute("aria-label", b[1]);
        button.addEventListener("click", function () { b[2](area); });
        bar.appendChild(button);
      });
      area.parentNode.insertBefore(bar, area);
    });
  });
})();
