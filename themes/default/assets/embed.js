// embed.js is the script in the embed code the site offers, loaded by the
// council page that frames a chart. It sizes each of the site's iframes
// (iframe[data-partnersite-embed]) to the height its page reports, so the
// chart and its text show whole with no scrollbar inside the frame. It
// takes a height only from the iframe's own window and only when the
// message comes from the origin of the iframe's src. Without this script
// (a CMS that strips scripts) the iframe keeps its height attribute.
//
// Published under this plain name, never a hashed one, so that code pasted
// once keeps working after every rebuild. No dependencies; safe to load
// more than once (once per chart pasted).
(function () {
  "use strict";
  if (window.partnersiteEmbed) return;
  window.partnersiteEmbed = true;

  var MAX = 20000; // px: a frame never grows past this, whatever it says

  function frames() {
    return document.querySelectorAll("iframe[data-partnersite-embed]");
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (err) {
      return "";
    }
  }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || typeof d !== "object" || d.partnersite !== "height") return;
    var h = Number(d.height);
    if (!isFinite(h) || h <= 0) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      if (f.contentWindow !== e.source) continue;
      if (originOf(f) !== e.origin) return;
      f.style.height = Math.min(Math.ceil(h), MAX) + "px";
      return;
    }
  });

  // A frame that loaded before this script ran has already told its
  // height to no one: ask each frame again, now and whenever it loads.
  function ask(f) {
    var origin = originOf(f);
    if (origin && f.contentWindow) f.contentWindow.postMessage({ partnersite: "ask" }, origin);
  }
  function start() {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      if (f.getAttribute("data-partnersite-sized")) continue;
      f.setAttribute("data-partnersite-sized", "1");
      f.addEventListener("load", ask.bind(null, f));
      ask(f);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
