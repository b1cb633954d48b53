// The strategy document editor: drag-and-drop reordering (when SortableJS is served). It is
// optional: the Up/Down buttons do the same work without script. Section texts have their own
// editor (rich-text-editor.js).
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

  document.addEventListener("DOMContentLoaded", () => {
    setUpSorting();
  });
})();
