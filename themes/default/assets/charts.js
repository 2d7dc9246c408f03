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
  var one = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
  var pct = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var gbp = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

  // The unit agrees with the digits shown, as in the tables: 1.04 days
  // shows as "1 day".
  function withUnit(word, plural) {
    return function (v) {
      var s = one.format(v);
      return s + " " + (s === "1" || s === "-1" ? word : plural);
    };
  }

  // words writes a formatted number with its unit, as Go's withUnit does
  // for the tables: the unit agrees with the digits shown.
  var words = { days: ["day", "days"], hours: ["hour", "hours"], minutes: ["minute", "minutes"] };
  function withUnitText(unit, s) {
    if (unit === "percent") { return s + "%"; }
    if (unit === "gbp") { return s.charAt(0) === "-" ? "-£" + s.slice(1) : "£" + s; }
    if (unit === "fte") { return s + " FTE"; }
    if (words[unit]) { return s + " " + (s === "1" || s === "-1" ? words[unit][0] : words[unit][1]); }
    return s;
  }

  // exact formats figures in a tooltip to the metric's own decimal
  // places, so a tooltip reads as the table does: 7.25 days, 97.00%.
  function exact(unit, places) {
    var nf = new Intl.NumberFormat("en-GB", { minimumFractionDigits: places, maximumFractionDigits: places });
    return function (v) { return withUnitText(unit, nf.format(v)); };
  }

  // Formats match the tables: 99.2%, £1,234, 18.5 days.
  var formats = {
    percent: function (v) { return pct.format(v) + "%"; },
    gbp: function (v) { return gbp.format(v); },
    days: withUnit("day", "days"),
    hours: withUnit("hour", "hours"),
    minutes: withUnit("minute", "minutes"),
    fte: function (v) { return one.format(v) + " FTE"; }
  };

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
    var format = formats[unit] || function (v) { return one.format(v); };
    var places = parseInt(el.getAttribute("data-places"), 10);
    var precise = isNaN(places) ? format : exact(unit, places);
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
