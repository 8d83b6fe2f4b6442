// Citizen forms (apply, correct, complaint, SKM): the error summary at the top takes the focus, its links move
// to their field, and a few checks run before sending as a courtesy (required fields, NIK of 16 digits, file type
// and size). The server checks everything again and decides; without this script the forms work the same.
(function () {
  "use strict";

  var MB = 1024 * 1024;

  function labelOf(field) {
    var label = field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
    if (!label) {
      var group = field.closest("fieldset");
      label = group ? group.querySelector("legend") : null;
    }
    if (!label) {
      return "";
    }
    var copy = label.cloneNode(true);
    copy.querySelectorAll("[aria-hidden=true]").forEach(function (mark) {
      mark.remove();
    });
    return copy.textContent.trim();
  }

  function hiddenByCategory(field) {
    return Boolean(field.closest("[hidden]")) || field.disabled;
  }

  function allowed(file, accept) {
    if (!accept) {
      return true;
    }
    var name = file.name.toLowerCase();
    return accept.split(",").some(function (rule) {
      rule = rule.trim().toLowerCase();
      return rule && (rule.charAt(0) === "." ? name.endsWith(rule) : file.type === rule);
    });
  }

  function fileProblem(input, limit) {
    var accept = input.getAttribute("accept") || "";
    for (var i = 0; i < input.files.length; i += 1) {
      var file = input.files[i];
      if (limit && file.size > limit) {
        return file.name + ": ukuran berkas lebih dari " + Math.floor(limit / MB) + " MB. Kecilkan atau pindai ulang.";
      }
      if (!allowed(file, accept)) {
        return file.name + ": " + (accept.indexOf("pdf") >= 0 ? "hanya PDF, JPEG atau PNG." : "hanya foto JPEG atau PNG.");
      }
    }
    return "";
  }

  function problems(form) {
    var found = [];
    var limit = parseInt(form.dataset.batasBerkas || "0", 10);
    form.querySelectorAll("input, select, textarea").forEach(function (field) {
      if (field.type === "hidden" || field.type === "radio" || hiddenByCategory(field)) {
        return;
      }
      var message = "";
      var required = field.required || field.dataset.wajib === "1";
      if (field.type === "file") {
        if (required && field.files.length === 0) {
          message = "Unggah berkas ini.";
        } else {
          message = fileProblem(field, limit);
        }
      } else if (field.type === "checkbox") {
        if (required && !field.checked) {
          message = "Centang pernyataan ini untuk mengirim.";
        }
      } else if (required && field.value.trim() === "") {
        message = "Wajib diisi.";
      } else if (field.dataset.periksa === "nik" && field.value.trim() !== "") {
        var digits = field.value.replace(/[\s.\-]/g, "");
        if (!/^\d{16}$/.test(digits)) {
          message = "NIK harus 16 digit angka" + (/^\d+$/.test(digits) ? " (sekarang " + digits.length + " digit)." : ".");
        }
      }
      if (message) {
        found.push({ field: field, message: message });
      }
    });
    form.querySelectorAll("[data-wajib-pilih]").forEach(function (group) {
      var radios = group.querySelectorAll('input[type=radio][name="' + group.dataset.wajibPilih + '"]');
      var chosen = Array.prototype.some.call(radios, function (radio) {
        return radio.checked;
      });
      if (radios.length && !chosen) {
        found.push({ field: radios[0], message: "Pilih salah satu jawaban.", group: group });
      }
    });
    // In the order of the page, as the server's summary lists them.
    found.sort(function (a, b) {
      return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return found;
  }

  function clearMarks(form) {
    form.querySelectorAll(".js-galat").forEach(function (note) {
      note.remove();
    });
    form.querySelectorAll("[data-js-invalid]").forEach(function (field) {
      field.classList.remove("is-invalid");
      field.removeAttribute("aria-invalid");
      field.removeAttribute("data-js-invalid");
    });
  }

  function mark(item) {
    var field = item.field;
    var note = document.createElement("div");
    note.className = "invalid-feedback d-block js-galat";
    note.textContent = item.message;
    if (item.group) {
      item.group.appendChild(note);
      item.group.classList.add("is-invalid");
      item.group.setAttribute("data-js-invalid", "");
      return;
    }
    field.classList.add("is-invalid");
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("data-js-invalid", "");
    var anchor = field.type === "checkbox" ? field.closest(".form-check") : field;
    anchor.insertAdjacentElement("afterend", note);
  }

  function summary(form, found) {
    form.querySelectorAll(".error-summary").forEach(function (old) {
      old.remove();
    });
    var box = document.createElement("div");
    box.className = "alert alert-danger error-summary";
    box.setAttribute("role", "alert");
    box.setAttribute("tabindex", "-1");
    box.id = "ringkasan-kesalahan";
    var title = document.createElement("h2");
    title.className = "h6 mb-2";
    title.textContent = "Ada " + found.length + " isian yang perlu diperbaiki";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.className = "mb-0 ps-3";
    found.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.className = "alert-link fw-normal";
      link.href = "#" + item.field.id;
      var label = labelOf(item.field);
      link.textContent = (label ? label + ": " : "") + item.message;
      entry.appendChild(link);
      list.appendChild(entry);
    });
    box.appendChild(list);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    form.insertBefore(box, token ? token.nextSibling : form.firstChild);
    box.focus();
  }

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.matches("form[data-periksa-form]")) {
        return;
      }
      clearMarks(form);
      var found = problems(form);
      if (found.length) {
        event.preventDefault();
        found.forEach(mark);
        summary(form, found);
      }
    },
    true
  );

  // A link of the summary moves to its field and puts the cursor there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  });

  // A file too large or of another type is said at once, before anything is sent.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("form[data-periksa-form] input[type=file]")) {
      return;
    }
    var form = input.form;
    var next = input.nextElementSibling;
    if (next && next.classList.contains("js-galat")) {
      next.remove();
    }
    input.classList.remove("is-invalid");
    var message = fileProblem(input, parseInt(form.dataset.batasBerkas || "0", 10));
    if (message) {
      mark({ field: input, message: message });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".error-summary[data-fokus]");
    if (box) {
      box.focus();
    }
  });
})();
