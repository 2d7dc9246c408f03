// partnersite charts. Loaded with defer, only on pages that have charts.
// Each chart's ECharts option travels as JSON in a
// <script type="application/json"> beside its container; this file parses
// it (never evaluates it), adds the formatters that JSON cannot carry, and
// draws with the SVG renderer, which prints crisply. With JavaScript off the
// figure's summary and table carry everything.
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") {
    return;
  }
  // unitOf reads how a figure of the chart's unit is written from the
  // attributes Go's measure.Unit gives the container, so this file keeps
  // no table of units of its own: a prefix and a suffix against the digits
  // ("£", "%", " FTE"), the sign before a negative figure (the true minus
  // sign, U+2212, for money: "−£213,000"), a worded unit's plural forms in
  // the page's language ({"one":"{n} day","other":"{n} days"}), and the
  // places of axis labels ("1 1" for percentages).
  function unitOf(el) {
    function attr(name) { return el.getAttribute(name) || ""; }
    var axis = attr("data-axis-places").split(" ").map(function (p) { return parseInt(p, 10); });
    var forms = null;
    try { forms = JSON.parse(attr("data-unit-forms")); } catch (e) {}
    return {
      prefix: attr("data-unit-prefix"), suffix: attr("data-unit-suffix"),
      minus: attr("data-unit-minus") || "-", forms: forms,
      axisMin: isNaN(axis[0]) ? 0 : axis[0], axisMax: isNaN(axis[1]) ? 1 : axis[1]
    };
  }

  // withUnit writes a formatted number with its unit, as Go's Unit.Write
  // does for the tables: the word agrees with the digits shown, so 1.04
  // days on an axis reads "1 day", 1.00 days in a tooltip "1.00 days",
  // and 2 in Welsh "2 ddiwrnod".
  function withUnit(unit, s) {
    if (unit.forms) {
      // The form follows the digits shown, places and all, by the
      // page's language's plural rules.
      var places = (s.split(".")[1] || "").length;
      var rule = new Intl.PluralRules(document.documentElement.lang, { minimumFractionDigits: places });
      var form = unit.forms[rule.select(Math.abs(parseFloat(s)))] || unit.forms.other;
      return form.replace("{n}", s);
    }
    var sign = "";
    if (s.charAt(0) === "-") { sign = unit.minus; s = s.slice(1); }
    return sign + unit.prefix + s + unit.suffix;
  }

  // formatter writes figures of a unit with between min and max decimal
  // places: axis labels as Go's Unit.Value writes them (percentages to one
  // place, pounds whole, others to at most one), tooltips to the metric's
  // own places, as its table does (7.25 days, 97.00%).
  function formatter(unit, min, max) {
    var nf = new Intl.NumberFormat("en-GB", { minimumFractionDigits: min, maximumFractionDigits: max });
    return function (v) { return withUnit(unit, nf.format(v)); };
  }

  // ECharts lays out the legend and the plot each on its own, so a legend
  // that wraps onto a second line at a phone's width would sit on the axis
  // name. legendLines counts the lines the legend takes at a width, wrapping
  // as ECharts' box layout does (items 25 px wide plus a 5 px gap before
  // their 14 px text, 10 px between items, 5 px padding), and plotTop moves
  // the plot down a line's height (26 px) for each line after the first.
  var FONT = "14px sans-serif";
  var ruler = document.createElement("canvas").getContext("2d");
  function legendLines(option, width) {
    var names = (option.series || []).map(function (s) { return s.name; }).filter(Boolean);
    ruler.font = FONT;
    var lines = 1, x = 0;
    names.forEach(function (n) {
      var w = 30 + ruler.measureText(n).width;
      if (x > 0 && x + w > width - 10) { lines++; x = 0; }
      x += w + 10;
    });
    return lines;
  }
  function plotTop(option, base, width) {
    return base + 26 * (legendLines(option, width) - 1);
  }

  // labelStep is how many periods apart the labelled ones are on a chart
  // this wide: as many as fit with a clear gap between them, counted back
  // from the latest, so the latest period's label is never crowded by its
  // neighbour (ECharts thins labels counting on from the first and then
  // adds the last, which can land beside the one before it); the first
  // is labelled as well where the step leaves room after it. The value
  // axis's labels take up to about 90 px on the left.
  function labelStep(labels, width) {
    ruler.font = FONT;
    var widest = 0;
    labels.forEach(function (l) { widest = Math.max(widest, ruler.measureText(String(l)).width); });
    var room = Math.max(1, width - 90 - 36);
    var fit = Math.max(1, Math.floor(room / (widest + 16)));
    return Math.max(1, Math.ceil(labels.length / fit));
  }
  function interval(labels, width) {
    var step = labelStep(labels, width), last = labels.length - 1;
    return function (i) { return i === 0 || (i >= step && (last - i) % step === 0); };
  }

  // A printed chart is drawn a little wider than the 45% of its figure
  // it takes on an A4 page (about 310 CSS px; see the print stylesheet),
  // so that its 14 px words print at about 9 pt rather than shrinking
  // with a screen-wide drawing scaled to the paper. It is about as high
  // as what prints beside it: a report's table of recent rows, or, in a
  // figure-wide, the longer summary.
  var PRINT = { width: 360, height: 150 }, PRINT_WIDE = { width: 360, height: 210 };

  // Words come from the page, in its language (script-words.html).
  var said = {};
  try { said = JSON.parse(document.getElementById("script-words").textContent); } catch (e) {}
  function say(k) { return typeof said[k] === "string" ? said[k] : "[" + k + "]"; }

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-option"));
    if (!source) {
      return;
    }
    var option;
    try {
      option = JSON.parse(source.textContent);
    } catch (e) {
      return; // the summary and table still stand
    }
    var unit = unitOf(el);
    var format = formatter(unit, unit.axisMin, unit.axisMax);
    var places = parseInt(el.getAttribute("data-places"), 10);
    var precise = isNaN(places) ? format : formatter(unit, places, places);
    (option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: format });
    });
    // valueFormatter keeps ECharts' own tooltip markup, which escapes
    // series and category names.
    option.tooltip = Object.assign({}, option.tooltip, {
      valueFormatter: function (v) {
        return v === undefined || v === null || v === "-" ? say("chart.no-figure") : precise(v);
      }
    });
    var grid = (option.grid || [])[0];
    var base = grid ? parseFloat(grid.top) || 0 : 0;
    var xAxes = (option.xAxis || []).filter(function (a) { return a.data && a.data.length; });
    var yAxes = option.yAxis || [];
    // layout fits the legend's lines and the period labels to a width,
    // and, on paper, where the chart is short, the value axis's labels to
    // its height: a label every 30 px or more, so that none lies on the
    // next (ECharts' five intervals need about 150 px of plot). On screen
    // the axis keeps ECharts' own five.
    function layout(width, height) {
      var next = {}, top = plotTop(option, base, width);
      if (grid) { next.grid = [{ top: top }]; }
      next.xAxis = xAxes.map(function (a) { return { axisLabel: { interval: interval(a.data, width) } }; });
      var split = height ? Math.max(2, Math.min(5, Math.floor((height - top - 40) / 30))) : 5;
      next.yAxis = yAxes.map(function () { return { splitNumber: split }; });
      return next;
    }
    var first = layout(el.clientWidth);
    if (grid) { grid.top = first.grid[0].top; }
    xAxes.forEach(function (a, i) { a.axisLabel = Object.assign({}, a.axisLabel, first.xAxis[i].axisLabel); });
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    // ECharts draws its SVG at a fixed size in pixels. A viewBox lets the
    // print stylesheet scale it to the paper instead of cutting it off.
    function viewBox() {
      var svg = el.querySelector("svg");
      if (svg && svg.getAttribute("width")) {
        svg.setAttribute("viewBox", "0 0 " + parseFloat(svg.getAttribute("width")) + " " + parseFloat(svg.getAttribute("height")));
        svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      }
    }
    chart.on("finished", viewBox);
    chart.setOption(option);
    el.setAttribute("data-drawn", "true");
    // sizeTo redraws the chart at a size (the container's when none),
    // at once, so that a print taken straight after has it.
    var printing = false;
    function sizeTo(size) {
      chart.setOption(size ? layout(size.width, size.height) : layout(el.clientWidth));
      chart.resize(size || { width: "auto", height: "auto" });
      chart.getZr().flush();
      viewBox();
    }
    // A resize redraws the whole chart, so it is done only when the
    // chart's width has really changed (phones send resize events as the
    // address bar slides), once a frame at most.
    var width = el.clientWidth, waiting = false;
    function fit() {
      if (printing || el.clientWidth === width || waiting) { return; }
      waiting = true;
      window.requestAnimationFrame(function () {
        waiting = false;
        width = el.clientWidth;
        sizeTo(null);
      });
    }
    window.addEventListener("resize", fit);
    return {
      print: function () { if (!printing) { printing = true; sizeTo(el.closest(".figure-wide") ? PRINT_WIDE : PRINT); } },
      screen: function () { if (printing) { printing = false; width = el.clientWidth; sizeTo(null); } }
    };
  }

  // Charts are drawn as they come near the screen, one a task, so a page
  // of twenty charts never blocks the main thread for all twenty at once;
  // printing draws every chart first, since paper has no scrolling.
  var charts = Array.prototype.slice.call(document.querySelectorAll(".chart[data-option]"));
  var queue = [], drawn = [];
  function drawOnce(el) {
    if (!el.hasAttribute("data-drawn")) {
      var d = draw(el);
      if (d) { drawn.push(d); }
    }
  }
  function drawNext() {
    var el = queue.shift();
    if (el) {
      drawOnce(el);
      if (queue.length) { setTimeout(drawNext, 0); }
    }
  }
  function later(el) {
    queue.push(el);
    if (queue.length === 1) { setTimeout(drawNext, 0); }
  }
  function drawAll() { charts.forEach(drawOnce); }
  function toPrint() {
    drawAll();
    drawn.forEach(function (d) { d.print(); });
  }
  function toScreen() { drawn.forEach(function (d) { d.screen(); }); }
  window.addEventListener("beforeprint", toPrint);
  window.addEventListener("afterprint", toScreen);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onPrint = function (e) { if (e.matches) { toPrint(); } else { toScreen(); } };
    if (print.addEventListener) { print.addEventListener("change", onPrint); }
  }
  if (!("IntersectionObserver" in window)) {
    drawAll();
    return;
  }
  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) {
        seen.unobserve(e.target);
        later(e.target);
      }
    });
  }, { rootMargin: "300px 0px" });
  charts.forEach(function (el) { seen.observe(el); });
})();
