// partnersite sortable tables. Every data table with a header row gets a
// button in each column header: a click, or Enter or Space, sorts by that
// column, ascending, then descending, then back to the order the table was
// published in. aria-sort tells a screen reader how the table is sorted.
// Figures sort as numbers ("£1,234", "99.2%", "18.5 days"), periods as
// periods, words as words. Without JavaScript the tables are plain.
(function () {
  "use strict";

  // key turns a cell's text into something to compare: a number where the
  // text is a figure, otherwise the text itself. Cells with no figure ("–",
  // "not available") sort last either way.
  var months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

  // when is a period's place in time, as period.Compare orders them: by the
  // month it starts, then a year before its first quarter before its first
  // month. Months are "2009-09"; a month by name ("Oct 2009"), as a
  // council's own table in a page may write it, is put in its place too,
  // where sorted as text "Apr 2010" would come before it. Years and
  // quarters are "2009/10" and "2009/10 Q3".
  function when(t) {
    var m = t.match(/^([A-Za-z]{3}) (\d{4})(?:\s|$)/);
    if (m && months.indexOf(m[1].toLowerCase()) >= 0) {
      return parseInt(m[2], 10) * 12 + months.indexOf(m[1].toLowerCase()) + 0.2;
    }
    m = t.match(/^(\d{4})-(\d{2})(?:\s|$)/);
    if (m) {
      return parseInt(m[1], 10) * 12 + parseInt(m[2], 10) - 1 + 0.2;
    }
    m = t.match(/^(\d{4})\/\d{2}(?: Q([1-4]))?(?:\s|$)/);
    if (m) {
      var start = parseInt(m[1], 10) * 12 + 3; // April
      return m[2] ? start + 3 * (parseInt(m[2], 10) - 1) + 0.1 : start;
    }
    return undefined;
  }

  function key(text) {
    var t = text.trim();
    if (t === "" || t === "–" || /^not |^confidential/.test(t)) {
      return { blank: true };
    }
    var w = when(t);
    if (w !== undefined) {
      return { num: w };
    }
    var m = t.replace(/[£,%]/g, "").match(/^\(?(-?\d+(?:\.\d+)?)\)?(?:\s|$)/);
    if (m && !/^\d{4}[\/-]/.test(t)) {
      var n = parseFloat(m[1]);
      return { num: t.charAt(0) === "(" ? -n : n };
    }
    return { text: t.toLowerCase() };
  }

  function compare(a, b) {
    if (a.blank || b.blank) {
      return (a.blank ? 1 : 0) - (b.blank ? 1 : 0);
    }
    if (a.num !== undefined && b.num !== undefined) {
      return a.num - b.num;
    }
    var x = a.text !== undefined ? a.text : String(a.num);
    var y = b.text !== undefined ? b.text : String(b.num);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // sortText is what a cell sorts by: its data-sort where the page gives
  // one (an action's date as 2026-07-31, its status by how far behind it
  // is), else its text; a figure cell without a digit ("ddim ar gael")
  // sorts with the blanks.
  function sortText(cell) {
    if (!cell) {
      return "";
    }
    if (cell.hasAttribute("data-sort")) {
      return cell.getAttribute("data-sort");
    }
    var t = cell.textContent;
    return cell.classList.contains("num") && !/\d/.test(t) ? "" : t;
  }

  function sortable(table) {
    var body = table.tBodies[0];
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    if (!body || body.rows.length < 2 || heads.length === 0) {
      return;
    }
    var original = Array.prototype.slice.call(body.rows);
    var state = { col: -1, dir: "none" };
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var dir = state.col !== col ? "ascending" : state.dir === "ascending" ? "descending" : state.dir === "descending" ? "none" : "ascending";
        state = { col: col, dir: dir };
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir);
        var rows = original.slice();
        if (dir !== "none") {
          rows = rows.map(function (row, i) { return { row: row, i: i, k: key(sortText(row.cells[col])) }; })
            .sort(function (a, b) {
              var c = compare(a.k, b.k);
              if (a.k.blank || b.k.blank) {
                return c || a.i - b.i; // no figure stays last
              }
              return (dir === "ascending" ? c : -c) || a.i - b.i;
            })
            .map(function (r) { return r.row; });
        }
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    table.classList.add("sortable");
  }

  var tables = document.querySelectorAll(".table-wrap table");
  for (var i = 0; i < tables.length; i++) {
    sortable(tables[i]);
  }
})();
