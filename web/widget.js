/*
 * Career guidance chat widget. Add to any page:
 *
 *   <script>window.CareerChat = { serverUrl: "https://assistant.example.org",
 *     title: "Career help", color: "#1d4ed8", initialMessage: "hi" };</script>
 *   <script src="https://assistant.example.org/webhooks/web/widget.js" defer></script>
 *
 * It talks to the Rasa server's socket.io channel with session persistence: one
 * conversation id per browser, kept in localStorage, so a reload continues the same
 * conversation. Every piece of text is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var options = window.CareerChat || {};
  var server = (options.serverUrl || (script && new URL(script.src).origin) || "").replace(/\/$/, "");
  var title = options.title || "Career guidance";
  var color = options.color || "#1d4ed8";
  var SESSION_KEY = "career-chat-session";
  var HISTORY_KEY = "career-chat-history";
  var MAX_HISTORY = 200;

  function load(src, done) {
    var tag = document.createElement("script");
    tag.src = src;
    tag.onload = done;
    tag.onerror = function () { showNotice("The chat could not load. Please try again later."); };
    document.head.appendChild(tag);
  }

  function stylesheet() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = server + "/webhooks/web/widget.css";
    document.head.appendChild(link);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- building the widget --------------------------------------------------------
  var launcher = el("button", "cc-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", "Open career guidance chat");
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "cc-panel");
  launcher.appendChild(el("span", "cc-launcher-label", "Chat"));

  var panel = el("div", "cc-panel");
  panel.id = "cc-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  panel.hidden = true;

  var header = el("div", "cc-header");
  header.appendChild(el("h2", "cc-title", title));
  var close = el("button", "cc-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Close chat");
  header.appendChild(close);

  var notice = el("div", "cc-notice");
  notice.setAttribute("role", "status");
  notice.hidden = true;

  var log = el("div", "cc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation");
  log.tabIndex = 0;

  var typing = el("div", "cc-typing", "Assistant is typing…");
  typing.hidden = true;
  typing.setAttribute("aria-hidden", "true");

  var form = el("form", "cc-form");
  var label = el("label", "cc-visually-hidden", "Your message");
  label.htmlFor = "cc-input";
  var input = el("input", "cc-input");
  input.id = "cc-input";
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = 1000;
  input.placeholder = "Type a job you liked, or an interest…";
  var send = el("button", "cc-send", "Send");
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(notice);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(form);

  var root = el("div", "cc-root");
  root.style.setProperty("--cc-color", color);
  root.appendChild(panel);
  root.appendChild(launcher);

  // --- rendering messages -----------------------------------------------------------
  var URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

  function appendInline(parent, text) {
    // Plain text with http(s) links made clickable; everything else stays text.
    var last = 0;
    text.replace(URL_PATTERN, function (url, offset) {
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = el("a", "cc-link", url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      last = offset + url.length;
      return url;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderText(parent, text) {
    // Lines starting with "- " become a list; other lines keep their breaks.
    var list = null;
    String(text || "").split("\n").forEach(function (line, index, lines) {
      if (line.indexOf("- ") === 0) {
        if (!list) { list = el("ul", "cc-list"); parent.appendChild(list); }
        var item = el("li");
        appendInline(item, line.slice(2));
        list.appendChild(item);
        return;
      }
      list = null;
      appendInline(parent, line);
      if (index < lines.length - 1 && lines[index + 1].indexOf("- ") !== 0) parent.appendChild(el("br"));
    });
  }

  function addMessage(entry, remember) {
    var bubble = el("div", "cc-message cc-" + entry.from);
    renderText(bubble, entry.text);
    if (entry.pending) {
      bubble.classList.add("cc-pending");
      bubble.appendChild(el("span", "cc-pending-label", " (waiting to send)"));
    }
    log.appendChild(bubble);
    if (entry.buttons && entry.buttons.length) {
      var row = el("div", "cc-buttons");
      entry.buttons.forEach(function (button) {
        var choice = el("button", "cc-choice", button.title);
        choice.type = "button";
        choice.addEventListener("click", function () { sendMessage(button.payload, button.title); });
        row.appendChild(choice);
      });
      log.appendChild(row);
    }
    log.scrollTop = log.scrollHeight;
    if (remember) {
      history.push(entry);
      try { localStorage.setItem(HISTORY_KEY, JSON.stringify(history.slice(-MAX_HISTORY))); } catch (e) { /* private mode */ }
    }
    return bubble;
  }

  function showNotice(text) { notice.textContent = text; notice.hidden = !text; }

  // --- talking to the server ----------------------------------------------------------
  var socket = null;
  var sessionId = null;
  var queue = [];  // messages typed while offline, sent on reconnect
  var history = [];
  try { history = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { history = []; }
  try { sessionId = localStorage.getItem(SESSION_KEY); } catch (e) { sessionId = null; }
  var typingTimer = null;

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(function () { typing.hidden = true; }, 30000);
  }

  function emit(text) {
    socket.emit("user_uttered", { message: text, session_id: sessionId });
    setTyping(true);
  }

  function sendMessage(text, shown) {
    text = String(text || "").trim();
    if (!text) return;
    var online = socket && socket.connected && sessionId;
    var bubble = addMessage({ from: "user", text: shown || text, pending: !online }, online);
    if (online) {
      emit(text);
    } else {
      queue.push({ text: text, shown: shown || text, bubble: bubble });
      showNotice("You're offline. Your message will be sent when the connection is back.");
    }
  }

  function flushQueue() {
    while (queue.length) {
      var item = queue.shift();
      item.bubble.classList.remove("cc-pending");
      var label = item.bubble.querySelector(".cc-pending-label");
      if (label) label.remove();
      history.push({ from: "user", text: item.shown });
      emit(item.text);
    }
  }

  function connect() {
    socket = window.io(server, { path: "/socket.io", transports: ["websocket", "polling"], reconnectionDelayMax: 5000 });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (data) {
      sessionId = typeof data === "string" ? data : (data && data.session_id) || sessionId;
      try { localStorage.setItem(SESSION_KEY, sessionId); } catch (e) { /* private mode */ }
      root.setAttribute("data-session-id", sessionId);
      showNotice("");
      flushQueue();
      if (!history.length && options.initialMessage) sendMessage(options.initialMessage);
    });
    socket.on("bot_uttered", function (data) {
      setTyping(false);
      var buttons = (data && (data.quick_replies || data.buttons)) || [];
      addMessage({ from: "bot", text: (data && data.text) || "", buttons: buttons }, true);
    });
    socket.on("disconnect", function () {
      showNotice("Can't reach the assistant right now. Reconnecting…");
      setTyping(false);
    });
    socket.on("connect_error", function () {
      showNotice("Can't reach the assistant right now. Reconnecting…");
    });
  }

  // --- opening, closing, keyboard ----------------------------------------------------
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.classList.add("cc-open");
    input.focus();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.classList.remove("cc-open");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) open(); else shut(); });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") shut(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendMessage(input.value);
    input.value = "";
  });

  function start() {
    stylesheet();
    document.body.appendChild(root);
    history.forEach(function (entry) { addMessage(entry, false); });
    if (window.io) connect();
    else load(server + "/webhooks/web/socket.io.min.js", connect);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
