/*
 * The public page's quick exit, and navigation that leaves little history.
 *
 * - Any [data-exit] link (the sticky button and the skip link): hide the whole
 *   page behind a blank overlay, then location.replace() to the link's neutral
 *   site, so this page is not left behind in the tab's history. Without
 *   JavaScript the same links are plain links and still leave.
 * - Shift pressed three times, each within EXIT_WINDOW_MS of the last, exits too.
 *   Shift used as a modifier (Shift+A) does not count; any other key starts over.
 *   Esc is not used: it stops a page loading, which would cancel the exit.
 * - pageshow: if the browser brings this page back (Back, bfcache), the overlay
 *   goes away again.
 * - Links marked [data-stay] and the search form move with location.replace():
 *   home, results and a listing share one history entry, so Back after an exit
 *   does not lead to what was searched.
 * - "Use my location" asks the browser for a position only when pressed.
 */
(function () {
  "use strict";
  var EXIT_WINDOW_MS = 5000;
  var body = document.body;
  var exitLink = document.querySelector(".exit-button");
  var overlay = document.querySelector(".exit-overlay");
  var statusRegion = document.getElementById("exit-status");
  var progress = document.querySelector(".exit-progress");
  var messages = {
    en: ["Shift, press 2 more times to exit.", "Shift, press 1 more time to exit.", "Exit this page expired."],
    es: ["Mayúsculas: pulse 2 veces más para salir.", "Mayúsculas: pulse 1 vez más para salir.", "La salida rápida expiró."]
  }[document.documentElement.lang] || null;
  if (!messages) {
    messages = ["Shift, press 2 more times to exit.", "Shift, press 1 more time to exit.", "Exit this page expired."];
  }

  function exitNow(url) {
    body.classList.add("exiting");
    if (overlay) {
      overlay.hidden = false;
    }
    window.location.replace(url);
  }

  document.querySelectorAll("[data-exit]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      exitNow(link.href);
    });
  });

  window.addEventListener("pageshow", function () {
    body.classList.remove("exiting");
    if (overlay) {
      overlay.hidden = true;
    }
  });

  // Shift x3
  var presses = 0;
  var timer = null;
  var modifierUsed = false;

  function showProgress() {
    if (!progress) {
      return;
    }
    progress.classList.toggle("active", presses > 0);
    progress.querySelectorAll("span").forEach(function (dot, index) {
      dot.classList.toggle("on", index < presses);
    });
  }

  function reset(announceExpiry) {
    presses = 0;
    clearTimeout(timer);
    timer = null;
    showProgress();
    if (statusRegion) {
      statusRegion.textContent = announceExpiry ? messages[2] : "";
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      modifierUsed = false;
      return;
    }
    if (event.shiftKey) {
      modifierUsed = true;
    }
    if (presses) {
      reset(false);
    }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    if (modifierUsed) {
      modifierUsed = false;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    showProgress();
    if (presses >= 3) {
      presses = 0;
      if (exitLink) {
        exitNow(exitLink.href);
      }
      return;
    }
    if (statusRegion) {
      statusRegion.textContent = messages[presses - 1];
    }
    timer = setTimeout(function () { reset(true); }, EXIT_WINDOW_MS);
  }, true);

  // In-site steps replace the current history entry instead of adding one.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-stay]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    window.location.replace(link.href);
  });

  var form = document.getElementById("search-form");
  function searchUrl(extra) {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "" && !(extra && (name === "place"))) {
        query.append(name, value);
      }
    });
    Object.keys(extra || {}).forEach(function (name) {
      query.set(name, extra[name]);
    });
    var action = form.getAttribute("action").split("#");
    return action[0] + "?" + query.toString() + (action[1] ? "#" + action[1] : "");
  }
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.location.replace(searchUrl(null));
    });
    var locate = document.getElementById("use-my-location");
    if (locate && "geolocation" in navigator) {
      locate.parentNode.hidden = false;
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (position) {
          // Two decimals (about a kilometre) are enough to find what is near.
          window.location.replace(searchUrl({
            lat: position.coords.latitude.toFixed(2),
            lon: position.coords.longitude.toFixed(2)
          }));
        }, function () {
          var place = document.getElementById("place");
          place.focus();
        }, { maximumAge: 600000, timeout: 15000 });
      });
    }
  }
}());
