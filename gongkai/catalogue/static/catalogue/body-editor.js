/* 正文编辑器 (issue 11.17): structured editing of an item's body without any outside code.
 *
 * Every <textarea data-rich-editor> becomes a toolbar and an editable area: paragraphs, headings,
 * bold/italic, lists, links, tables and images. What the area holds is cleaned here to the same
 * allow-list as the server (catalogue/sanitize.py) and written back into the textarea on submit; the
 * server sanitises it again whatever arrives. Without JavaScript the textarea itself is the editor.
 * With data-raw-html (the openness office) a button switches to the HTML source and back.
 * No inline script or style: the page's CSP allows neither.
 */
(function () {
  "use strict";

  // The allow-list of catalogue/sanitize.py: tag -> attributes kept.
  var ALLOWED = {
    p: [], br: [], strong: [], b: [], em: [], i: [], u: [], sub: [], sup: [],
    h2: [], h3: [], h4: [], ul: [], ol: ["start"], li: [], blockquote: [],
    table: [], caption: [], thead: [], tbody: [], tr: [],
    th: ["colspan", "rowspan", "scope"], td: ["colspan", "rowspan"],
    a: ["href", "title"], span: [], div: [], hr: [], img: ["src", "alt"]
  };
  var DROP_WITH_CONTENT = { script: 1, style: 1, iframe: 1, object: 1, embed: 1, template: 1, noscript: 1 };

  function safeHref(value) {
    var v = (value || "").trim();
    return /^(https?:|mailto:|\/(?!\/)|#)/i.test(v) ? v : "";
  }

  function safeSrc(value) {
    var v = (value || "").trim();
    return /^\/(?!\/)/.test(v) ? v : "";  // images from this site only (CSP img-src 'self')
  }

  // Copies the allowed part of `source`'s children into `target` (elements of the editor's document).
  function cleanInto(source, target, doc) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
      if (node.nodeType === 3) {
        target.appendChild(doc.createTextNode(node.nodeValue));
        return;
      }
      if (node.nodeType !== 1) return;
      var tag = node.nodeName.toLowerCase();
      if (DROP_WITH_CONTENT[tag]) return;
      if (!Object.prototype.hasOwnProperty.call(ALLOWED, tag)) {
        cleanInto(node, target, doc);  // unknown element: keep its text
        return;
      }
      var copy = doc.createElement(tag);
      ALLOWED[tag].forEach(function (name) {
        if (!node.hasAttribute(name)) return;
        var value = node.getAttribute(name);
        if (name === "href") value = safeHref(value);
        if (name === "src") value = safeSrc(value);
        if (value !== "") copy.setAttribute(name, value);
      });
      if (tag === "img" && !copy.hasAttribute("src")) return;
      cleanInto(node, copy, doc);
      target.appendChild(copy);
    });
  }

  function clean(html) {
    // Parsed in an inert document: nothing in it runs or loads.
    var parsed = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    var box = document.createElement("div");
    cleanInto(parsed.body, box, document);
    return box;
  }

  // The editing leftovers of contenteditable: empty paragraphs and headings, and the <br> that keeps
  // an empty table cell or list item editable.
  function tidy(box) {
    Array.prototype.forEach.call(box.querySelectorAll("p, h2, h3, h4"), function (el) {
      if (!el.textContent.trim() && !el.querySelector("img")) el.parentNode.removeChild(el);
    });
    Array.prototype.forEach.call(box.querySelectorAll("td, th, li"), function (el) {
      if (el.childNodes.length === 1 && el.firstChild.nodeName === "BR") el.removeChild(el.firstChild);
    });
    return box;
  }

  function serialise(area) {
    var box = tidy(clean(area.innerHTML));
    // An editor left empty is an empty body, not "<p><br></p>".
    return box.textContent.trim() || box.querySelector("img, table, hr") ? box.innerHTML.trim() : "";
  }

  function blockOf(node, area) {
    while (node && node.parentNode !== area) node = node.parentNode;
    return node;
  }

  function insertBlock(area, element) {
    var selection = window.getSelection();
    var anchor = selection.rangeCount ? blockOf(selection.getRangeAt(0).startContainer, area) : null;
    if (anchor && area.contains(anchor)) {
      area.insertBefore(element, anchor.nextSibling);
    } else {
      area.appendChild(element);
    }
    var after = document.createElement("p");
    after.appendChild(document.createElement("br"));
    area.insertBefore(after, element.nextSibling);
    var range = document.createRange();
    range.selectNodeContents(element.querySelector("th, td") || after);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function makeTable(rows, cols) {
    var table = document.createElement("table");
    var head = table.appendChild(document.createElement("thead")).appendChild(document.createElement("tr"));
    for (var c = 0; c < cols; c++) {
      var th = head.appendChild(document.createElement("th"));
      th.setAttribute("scope", "col");
      th.appendChild(document.createElement("br"));
    }
    var body = table.appendChild(document.createElement("tbody"));
    for (var r = 0; r < rows; r++) {
      var tr = body.appendChild(document.createElement("tr"));
      for (c = 0; c < cols; c++) tr.appendChild(document.createElement("td")).appendChild(document.createElement("br"));
    }
    return table;
  }

  function askNumber(question, fallback, max) {
    var answer = window.prompt(question, String(fallback));
    if (answer === null) return null;
    var n = parseInt(answer, 10);
    return n >= 1 && n <= max ? n : fallback;
  }

  function init(textarea, index) {
    var rawAllowed = textarea.hasAttribute("data-raw-html");
    var wrap = document.createElement("div");
    wrap.className = "body-editor";
    var toolbar = document.createElement("div");
    toolbar.className = "body-editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "正文编辑工具");
    toolbar.setAttribute("aria-controls", "body-editor-area-" + index);
    var area = document.createElement("div");
    area.className = "body-editor-area info-body";
    area.id = "body-editor-area-" + index;
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = textarea.id ? document.querySelector('label[for="' + textarea.id + '"]') : null;
    if (label) {
      if (!label.id) label.id = textarea.id + "-label";
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { if (!textarea.hidden) return; area.focus(); });
    }
    if (textarea.getAttribute("aria-describedby")) area.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));

    function load() {
      area.innerHTML = "";
      var box = clean(textarea.value);
      while (box.firstChild) area.appendChild(box.firstChild);
      if (!area.firstChild) area.innerHTML = "<p><br></p>";
    }

    function command(name, value) {
      area.focus();
      document.execCommand(name, false, value);
    }

    var sourceButton = null;
    var buttons = [
      ["正文段落", function () { command("formatBlock", "p"); }],
      ["二级标题", function () { command("formatBlock", "h2"); }],
      ["三级标题", function () { command("formatBlock", "h3"); }],
      ["加粗", function () { command("bold"); }],
      ["倾斜", function () { command("italic"); }],
      ["项目列表", function () { command("insertUnorderedList"); }],
      ["编号列表", function () { command("insertOrderedList"); }],
      ["链接", function () {
        var href = safeHref(window.prompt("链接地址（http:// 或 https:// 开头，或本站路径）", "https://"));
        if (!href || href === "https://") return;
        var selection = window.getSelection();
        if (selection.isCollapsed) {
          area.focus();
          var a = document.createElement("a");
          a.href = href;
          a.textContent = href;
          selection.getRangeAt(0).insertNode(a);
        } else {
          command("createLink", href);
        }
      }],
      ["取消链接", function () { command("unlink"); }],
      ["插入表格", function () {
        var rows = askNumber("表格行数（不含表头，1-50）", 3, 50);
        if (rows === null) return;
        var cols = askNumber("表格列数（1-12）", 3, 12);
        if (cols === null) return;
        area.focus();
        insertBlock(area, makeTable(rows, cols));
      }],
      ["插入图片", function () {
        var src = safeSrc(window.prompt("图片地址：本站路径，如上传后的附件链接 /media/…", "/"));
        if (!src || src === "/") return;
        var alt = (window.prompt("图片说明（替代文字，供读屏软件朗读）", "") || "").trim();
        if (!alt) { window.alert("请填写图片说明。"); return; }
        var img = document.createElement("img");
        img.src = src;
        img.alt = alt;
        var p = document.createElement("p");
        p.appendChild(img);
        area.focus();
        insertBlock(area, p);
      }]
    ];
    if (rawAllowed) {
      buttons.push(["HTML 源代码", function () {
        var toSource = textarea.hidden;
        if (toSource) {
          textarea.value = serialise(area);
        } else {
          load();
        }
        textarea.hidden = !toSource;
        area.hidden = toSource;
        sourceButton.setAttribute("aria-pressed", toSource ? "true" : "false");
        Array.prototype.forEach.call(toolbar.querySelectorAll("button"), function (b) {
          if (b !== sourceButton) b.disabled = toSource;
        });
        (toSource ? textarea : area).focus();
      }]);
    }
    buttons.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      // Keep the selection in the editable area when the button is pressed with the mouse.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", spec[1]);
      toolbar.appendChild(button);
      if (spec[0] === "HTML 源代码") {
        sourceButton = button;
        button.setAttribute("aria-pressed", "false");
      }
    });

    document.execCommand("defaultParagraphSeparator", false, "p");
    load();
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(toolbar);
    wrap.appendChild(area);
    wrap.appendChild(textarea);
    textarea.hidden = true;
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () {
        if (textarea.hidden) textarea.value = serialise(area);
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-editor]"), init);
})();
