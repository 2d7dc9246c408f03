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
  // words writes a formatted number with its unit, as Go's Unit.Write
  // does for the tables: the unit agrees with the digits shown, so 1.04
  // days on an axis reads "1 day" and 1.00 days in a tooltip "1.00 days".
  var words = { days: ["day", "days"], hours: ["hour", "hours"], minutes: ["minute", "minutes"] };
  function withUnit(unit, s) {
    if (unit === "percent") { return s + "%"; }
    if (unit === "gbp") { return s.charAt(0) === "-" ? "-£" + s.slice(1) : "£" + s; }
    if (unit === "fte") { return s + " FTE"; }
    if (words[unit]) { return s + " " + (s === "1" || s === "-1" ? words[unit][0] : words[unit][1]); }
    return s;
  }

  // formatter writes figures of a unit with between min and max decimal
  // places: axis labels as Go's Value writes them (percentages to one
  // place, pounds whole, others to at most one), tooltips to the metric's
  // own places, as its table does (7.25 days, 97.00%).
  function formatter(unit, min, max) {
    var nf = new Intl.NumberFormat("en-GB", { minimumFractionDigits: min, maximumFractionDigits: max });
    return function (v) { return withUnit(unit, nf.format(v)); };
  }

  function axisFormatter(unit) {
    if (unit === "percent") { return formatter(unit, 1, 1); }
    if (unit === "gbp") { return formatter(unit, 0, 0); }
    return formatter(unit, 0, 1);
  }

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
    var unit = el.getAttribute("data-unit");
    var format = axisFormatter(unit);
    var places = parseInt(el.getAttribute("data-places"), 10);
    var precise = isNaN(places) ? format : formatter(unit, places, places);
    (option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: format });
    });
    // valueFormatter keeps ECharts' own tooltip markup, which escapes
    // series and category names.
    option.tooltip = Object.assign({}, option.tooltip, {
      valueFormatter: function (v) {
        return v === undefined || v === null || v === "-" ? "No figure" : precise(v);
      }
    });
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    // ECharts draws its SVG at a fixed size in pixels. A viewBox lets the
    // print stylesheet scale it to the paper instead of cutting it off.
    chart.on("finished", function () {
      var svg = el.querySelector("svg");
      if (svg && svg.getAttribute("width")) {
        svg.setAttribute("viewBox", "0 0 " + parseFloat(svg.getAttribute("width")) + " " + parseFloat(svg.getAttribute("height")));
        svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      }
    });
    chart.setOption(option);
    el.setAttribute("data-drawn", "true");
    window.addEventListener("resize", function () { chart.resize(); });
    window.addEventListener("beforeprint", function () { chart.resize(); });
  }

  var charts = document.querySelectorAll(".chart[data-option]");
  for (var i = 0; i < charts.length; i++) {
    draw(charts[i]);
  }
})();
