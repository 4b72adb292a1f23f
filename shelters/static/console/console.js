/* Staff console enhancements. Everything works without this file; it adds region
 * suggestions, "Copy referral" (built here from the page: nothing is sent) and
 * focus on the card you came back to. It sends no caller data anywhere. */
(function () {
  "use strict";

  // Suggestions for the region box, from our own staff-only endpoint.
  var box = document.getElementById("id_where");
  var list = document.getElementById("where-suggestions");
  if (box && list) {
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      var text = box.value.trim();
      if (text.length < 2 || /^\d+$/.test(text)) { list.innerHTML = ""; return; }
      timer = setTimeout(function () {
        fetch("/staff/suggest/?where=" + encodeURIComponent(text), {
          credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }
        }).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            data.suggestions.forEach(function (name) {
              var option = document.createElement("option");
              option.value = name;
              list.appendChild(option);
            });
          }).catch(function () {});
      }, 200);
    });
  }

  // Copy referral: plain text of the chosen cards (all shown cards if none chosen).
  var tools = document.querySelector(".referral-tools");
  var button = document.getElementById("copy-referral");
  if (tools && button) {
    tools.hidden = false;
    button.addEventListener("click", function () {
      var cards = Array.prototype.slice.call(document.querySelectorAll("[data-referral]"));
      var chosen = cards.filter(function (card) {
        var box = card.querySelector(".pick-box");
        return box && box.checked;
      });
      var text = (chosen.length ? chosen : cards).map(referralText).join("\n\n");
      var area = document.getElementById("referral-text");
      area.hidden = false;
      area.value = text;
      area.select();
      var status = document.getElementById("referral-status");
      var said = (chosen.length || cards.length) + " listing(s) ready to read or paste below.";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () {
          status.textContent = "Copied. " + said;
        }, function () { status.textContent = said; });
      } else {
        status.textContent = said;
      }
    });
  }

  function field(card, name) {
    var element = card.querySelector('[data-field="' + name + '"]');
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function referralText(card) {
    var phones = Array.prototype.map.call(card.querySelectorAll(".phones li"), function (li) {
      return li.textContent.replace(/\s+/g, " ").trim();
    });
    return [field(card, "name"), phones.join("\n"), "Hours: " + field(card, "hours"),
            "Intake: " + field(card, "intake"), field(card, "verified")]
      .filter(Boolean).join("\n");
  }

  // Back from a detail page: focus the card that was opened.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".card-link") : null;
    if (link) { history.replaceState({ focus: link.id }, ""); }
  });
  function refocus() {
    var id = history.state && history.state.focus;
    if (!id && location.hash) { id = "link-" + location.hash.slice(1); }
    var target = id && document.getElementById(id);
    if (target) { target.focus(); }
  }
  window.addEventListener("pageshow", refocus);
})();
