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
