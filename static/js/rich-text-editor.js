// The chapter editor of the strategy: django-prose-editor's Tiptap (ProseMirror) bundle, set up
// here rather than through the package's presets, for the page's CSP: the bundle is imported by
// URL (no import map, which would be an inline script) and Tiptap's own <style> is not injected
// (css/rich-text.css carries those rules). The schema holds only what strategy/sanitise.py keeps;
// the server cleans every body again, so this is about what staff see, not the safety net.
const WORD_LIST = /mso-list:\s*l(\d+)\s+level(\d+)/i;
const WORD_MARKER = /mso-list:\s*ignore/i;
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]{1,4})[.)]/i;
// Pasted style attributes are renamed before the HTML is parsed at all: even a detached document
// shares the page's CSP, and every style attribute it parsed would be reported as a violation.
const STYLE = "data-pasted-style";
const hideStyles = (html) =>
  html
    .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/(<[a-z][^>]*?\s)style(\s*=)/gi, `$1${STYLE}$2`);
const styleOf = (element, property) => {
  const match = (element.getAttribute(STYLE) || "").match(
    new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, "i"),
  );
  return match ? match[1].trim().toLowerCase() : "";
};

// Word puts a list on the clipboard as paragraphs styled "mso-list:l0 level1", the bullet or number
// typed out in a span; this rebuilds real (nested) lists so the schema can keep them.
const wordListOf = (paragraph) => {
  const match = (paragraph.getAttribute(STYLE) || "").match(WORD_LIST);
  if (match) return { level: Number(match[2]) };
  return /^MsoListParagraph/.test(paragraph.className) ? { level: 1 } : null;
};

const takeMarker = (paragraph) => {
  for (const span of paragraph.querySelectorAll("span")) {
    if (WORD_MARKER.test(span.getAttribute(STYLE) || "")) {
      const marker = span.textContent.trim();
      span.remove();
      return marker;
    }
  }
  return "";
};

const rebuildWordLists = (doc) => {
  let stack = [];
  for (const paragraph of Array.from(doc.body.querySelectorAll("p"))) {
    const item = wordListOf(paragraph);
    if (!item) continue;
    const tag = ORDERED_MARKER.test(takeMarker(paragraph)) ? "ol" : "ul";
    const li = doc.createElement("li");
    li.append(...paragraph.childNodes);
    if (!stack.length || paragraph.previousElementSibling !== stack[0].list) {
      const list = doc.createElement(tag);
      paragraph.before(list);
      stack = [{ list, level: item.level }];
    }
    while (stack.length > 1 && stack[stack.length - 1].level > item.level) stack.pop();
    let top = stack[stack.length - 1];
    if (item.level > top.level) {
      const list = doc.createElement(tag);
      (top.list.lastElementChild || top.list).append(list);
      top = { list, level: item.level };
      stack.push(top);
    }
    top.list.append(li);
    paragraph.remove();
  }
};

// Bold and italic written as styles (Google Docs, some Word spans) become elements before the
// styles go; a <b> styled back to normal weight (Google Docs wraps whole pastes in one) goes.
const keepStyledEmphasis = (doc) => {
  for (const element of Array.from(doc.body.querySelectorAll(`[${STYLE}]`))) {
    const weight = styleOf(element, "font-weight");
    if (/^(b|strong)$/i.test(element.tagName) && /^(normal|[1-5]00)$/.test(weight)) {
      element.replaceWith(...element.childNodes);
      continue;
    }
    const wrappers = [];
    if (/^(bold|bolder|[6-9]00)$/.test(weight) && !element.closest("b, strong, th")) {
      wrappers.push("strong");
    }
    if (styleOf(element, "font-style") === "italic" && !element.closest("i, em")) {
      wrappers.push("em");
    }
    for (const tag of wrappers) {
      const wrapper = doc.createElement(tag);
      wrapper.append(...element.childNodes);
      element.append(wrapper);
    }
  }
};

// Runs on every paste, before the schema drops what it does not know. The HTML is read in a
// detached document, which runs nothing; styles, classes and Word's own elements go here.
const cleanPastedHTML = (html) => {
  const doc = document.implementation.createHTMLDocument("");
  doc.documentElement.innerHTML = hideStyles(html);
  for (const element of doc.querySelectorAll("style, script, meta, link, title")) element.remove();
  if (/mso-|class="?Mso/i.test(html)) rebuildWordLists(doc);
  keepStyledEmphasis(doc);
  for (const element of doc.body.querySelectorAll(`[${STYLE}], [class], [lang]`)) {
    element.removeAttribute(STYLE);
    element.removeAttribute("class");
    element.removeAttribute("lang");
  }
  return doc.body.innerHTML;
};

const extensionsFrom = (E) => [
  E.Document,
  E.Paragraph,
  E.Text,
  E.HardBreak,
  // Chapters use h3 and h4 (the page has h1 and h2): Word's h1-h2 become h3, h5-h6 become h4.
  E.Heading.extend({
    parseHTML() {
      return [1, 2, 3, 4, 5, 6].map((n) => ({ tag: `h${n}`, attrs: { level: n <= 3 ? 3 : 4 } }));
    },
  }).configure({ levels: [3, 4] }),
  E.Bold,
  E.Italic,
  E.Underline,
  E.BulletList,
  E.OrderedList.configure({ enableListAttributes: false }),
  E.ListItem,
  E.Blockquote,
  E.Link.configure({
    enableTarget: false,
    autolink: true,
    protocols: ["http", "https", "mailto"],
    defaultProtocol: "https",
  }),
  E.Table.configure({ resizable: false }),
  E.TableRow,
  E.TableHeader,
  E.TableCell,
  E.UndoRedo,
  E.Gapcursor,
  // Plain button groups only: the package's drop-down picker is not reachable by keyboard.
  E.Menu.configure({
    groups: [
      { group: "blockType -lists" },
      { group: "lists" },
      { group: "nodes -blockType -lists" },
      { group: "marks" },
      { group: "link" },
      { group: "table" },
      { group: "history" },
    ],
  }),
];

const createEditor = (E, textarea, labels) => {
  const element = document.createElement("div");
  element.className = "prose-editor rich-text";
  textarea.before(element);
  element.append(textarea);

  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const attributes = { role: "textbox", "aria-multiline": "true" };
  if (label) {
    label.id = label.id || `${textarea.id}-label`;
    attributes["aria-labelledby"] = label.id;
  }
  const described = textarea.getAttribute("aria-describedby");
  if (described) attributes["aria-describedby"] = described;

  const editor = new E.Editor({
    element,
    extensions: extensionsFrom(E),
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes, transformPastedHTML: cleanPastedHTML },
    onUpdate({ editor: current }) {
      textarea.value = current.isEmpty ? "" : current.getHTML();
    },
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());
  // The menu bar is built when the editor's "create" event fires, just after this returns.
  editor.on("create", () => {
    for (const button of element.querySelectorAll(".prose-menubar button[data-name]")) {
      const text = labels.buttons?.[button.dataset.name];
      if (text) {
        button.setAttribute("aria-label", text);
        button.title = text;
      }
    }
  });
  textarea.dispatchEvent(new CustomEvent("rich-text:ready", { bubbles: true, detail: { editor } }));
  return editor;
};

const textareas = document.querySelectorAll("textarea[data-rich-text]");
if (textareas.length) {
  const labels = JSON.parse(textareas[0].dataset.richTextLabels || "{}");
  // The bundle reads window.gettext once, when it loads, for the texts of its dialogs.
  if (!window.gettext) window.gettext = (text) => labels.dialogs?.[text] || text;
  import(textareas[0].dataset.richText)
    .then((E) => {
      textareas.forEach((textarea) => {
        createEditor(E, textarea, labels);
      });
    })
    .catch((error) => console.error("The rich-text editor could not start:", error));
}
