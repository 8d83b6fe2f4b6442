// Progressive enhancement of the SKP form: the BerAKHLAK summary follows the radio buttons as the rater clicks.
// Without JavaScript the summary is computed by the server on each save.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-skp-assess]");
  const out = document.querySelector("[data-skp-summary]");
  if (!form || !out) return;
  const names = Array.from(new Set(Array.from(form.querySelectorAll("input[type=radio][name^='nilai_']"), (r) => r.name)));
  const labels = { di_atas: "Di atas ekspektasi", sesuai: "Sesuai ekspektasi", di_bawah: "Di bawah ekspektasi" };
  const update = () => {
    const counts = { di_atas: 0, sesuai: 0, di_bawah: 0 };
    let rated = 0;
    for (const name of names) {
      const checked = form.querySelector(`input[name='${name}']:checked`);
      if (checked && checked.value in counts) { counts[checked.value] += 1; rated += 1; }
    }
    let text = `${labels.di_atas}: ${counts.di_atas} · ${labels.sesuai}: ${counts.sesuai} · ${labels.di_bawah}: ${counts.di_bawah}`;
    if (rated < names.length) text += ` · belum diberi rating: ${names.length - rated}`;
    out.textContent = text;
  };
  form.addEventListener("change", (event) => {
    if (event.target.name && event.target.name.startsWith("nilai_")) update();
  });
});
