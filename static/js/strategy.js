// The strategy document editor: drag-and-drop reordering (when SortableJS is served) and a small
// formatting toolbar for section texts. Everything here is optional: the Up/Down buttons and the
// plain textarea do the same work without script.
(() => {
  "use strict";

  const csrfToken = () => {
    const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) return input.value;
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };

  const sendOrder = (list) => {
    const body = new URLSearchParams();
    body.append("kind", list.dataset.kind);
    if (list.dataset.parent) body.append("parent", list.dataset.parent);
    Array.from(list.children).forEach((item) => {
      if (item.dataset.id) body.append("ids", item.dataset.id);
    });
    return fetch(list.dataset.reorderUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
      body,
      credentials: "same-origin",
    });
  };

  const setUpSorting = () => {
    if (typeof window.Sortable === "undefined") return; // keyboard buttons only
    document.querySelectorAll("[data-sortable][data-reorder-url]").forEach((list) => {
      const kind = list.dataset.kind;
      const handle = `.drag-handle-${kind}`;
      list.querySelectorAll(handle).forEach((el) => el.classList.remove("d-none"));
      window.Sortable.create(list, {
        handle,
        draggable: ">[data-id]",
        animation: 150,
        forceFallback: true, // mouse and touch alike, and testable with synthetic events
        onEnd: (event) => {
          if (event.oldIndex === event.newIndex) return;
          // The numbers are derived on the server: reload to show them (and the server's order).
          sendOrder(list)
            .then((response) => {
              if (!response.ok) {
                return response.json().then((data) => window.alert(data.error || response.status));
              }
              return null;
            })
            .catch(() => null)
            .finally(() => window.location.reload());
        },
      });
    });
  };

  // Formatting toolbar: wraps the selection of the textarea in one of the allowed tags.
  const setUpToolbar = () => {
    document.querySelectorAll("[data-html-toolbar]").forEach((toolbar) => {
      const area = document.getElementById(toolbar.dataset.target);
      if (!area) return;
      toolbar.classList.remove("d-none");
      const replaceSelection = (before, after, fallback) => {
        const start = area.selectionStart;
        const end = area.selectionEnd;
        const selected = area.value.slice(start, end) || fallback;
        area.setRangeText(before + selected + after, start, end, "end");
        area.focus();
        area.dispatchEvent(new Event("input", { bubbles: true }));
      };
      toolbar.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (!button) return;
        if (button.dataset.wrap) {
          const tag = button.dataset.wrap;
          replaceSelection(`<${tag}>`, `</${tag}>`, "");
        } else if (button.dataset.list) {
          const start = area.selectionStart;
          const end = area.selectionEnd;
          const lines = (area.value.slice(start, end) || "").split(/\n/).filter((l) => l.trim());
          const items = (lines.length ? lines : [""]).map((l) => `  <li>${l.trim()}</li>`);
          const tag = button.dataset.list;
          area.setRangeText(`<${tag}>\n${items.join("\n")}\n</${tag}>`, start, end, "end");
          area.focus();
        } else if ("link" in button.dataset) {
          const url = window.prompt(button.textContent.trim() + " (https://…)", "https://");
          if (!url || !/^(https?:|mailto:)/i.test(url.trim())) return;
          const safe = url.trim().replace(/"/g, "%22");
          replaceSelection(`<a href="${safe}">`, "</a>", safe);
        }
      });
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    setUpSorting();
    setUpToolbar();
  });
})();
