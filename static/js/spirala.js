// Spirala's own behaviour; loaded with the CSP nonce, no inline handlers anywhere.
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits on change; its button stays for keyboard users without JS.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
    select.form.querySelectorAll(".js-hide").forEach((el) => el.classList.add("visually-hidden"));
  });
  // Buttons with data-confirm ask before submitting their form.
  document.querySelectorAll("[data-confirm]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
});

// Keyboard-first statement entry: Ctrl+Enter saves, Alt+1…9 picks the n-th question.
document.addEventListener("keydown", (event) => {
  const form = event.target.closest && event.target.closest("form[data-shortcuts]");
  if (!form) return;
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  } else if (event.altKey && /^[1-9]$/.test(event.key)) {
    const radios = form.querySelectorAll('input[type="radio"][name="question"]');
    const radio = radios[Number(event.key) - 1];
    if (radio) {
      event.preventDefault();
      radio.checked = true;
    }
  }
});

// Coding queue: j / k move between statements, 1–3 accept a suggestion, "/" types a code.
document.addEventListener("keydown", (event) => {
  const table = document.querySelector("[data-coding-queue]");
  if (!table || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (typing) {
    if (event.key === "Escape") event.target.closest("tr")?.focus();
    return;
  }
  const rows = Array.from(table.querySelectorAll("tr.coding-row"));
  if (!rows.length) return;
  const current = event.target.closest && event.target.closest("tr.coding-row");
  let index = rows.indexOf(current);
  if (event.key === "j" || event.key === "k") {
    event.preventDefault();
    index = index < 0 ? 0 : index + (event.key === "j" ? 1 : -1);
    rows[Math.max(0, Math.min(rows.length - 1, index))].focus();
  } else if (/^[1-3]$/.test(event.key) && current) {
    const button = current.querySelector(`[data-suggestion="${event.key}"]`);
    if (button) {
      event.preventDefault();
      button.click();
    }
  } else if (event.key === "/" && current) {
    event.preventDefault();
    current.querySelector(".dimension-input")?.focus();
  }
});

// After htmx swaps a coded row back in, keep the keyboard on it.
document.addEventListener("htmx:afterSwap", (event) => {
  const row = event.detail.target?.id ? document.getElementById(event.detail.target.id) : null;
  if (row && row.classList.contains("coding-row")) row.focus();
});

// A form answered with 400 carries its errors: swap it in so the person sees what to fix.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
