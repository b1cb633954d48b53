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
