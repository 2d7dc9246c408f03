// framed.js runs on a chart's embed page (embed/…/). When the page
// is framed in another site's page it tells the parent how tall it is, so
// that the parent's copy of embed.js can make the iframe exactly that tall,
// with no scrollbar of its own. It tells on load, whenever the page's
// height changes (the chart drawn, the table opened, the frame made
// narrower) and whenever the parent asks. The height is no secret, so it
// is sent to whichever page frames this one; embed.js checks where it
// came from. Nothing is sent when the page is not framed.
(function () {
  "use strict";
  if (window.parent === window || !window.postMessage) return;

  var figure = document.querySelector("[data-embed]");
  // The id is the embed page's own address in the site ("embed/uptime/"),
  // as the code offered names its iframe: a host may frame several.
  var id = figure ? figure.getAttribute("data-embed") : "";
  var last = -1;

  // The page's height: the html element's box, which is as tall as its
  // content and never the frame (a document's scrollHeight is at least
  // the frame's height, so it would never let the frame shrink).
  function height() {
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function send(always) {
    var h = height();
    if (!always && h === last) return;
    last = h;
    window.parent.postMessage({ partnersite: "height", id: id, height: h }, "*");
  }

  window.addEventListener("message", function (e) {
    if (e.source === window.parent && e.data && e.data.partnersite === "ask") send(true);
  });
  window.addEventListener("load", function () { send(true); });
  if ("ResizeObserver" in window) {
    new ResizeObserver(function () { send(false); }).observe(document.documentElement);
  } else {
    window.addEventListener("resize", function () { send(false); });
  }
  send(true);
})();
