// Admin: refresh the sending progress bar of an issue every 3 seconds while it sends.
(function () {
  "use strict";
  var box = document.querySelector(".issue-progress[data-progress-url]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector("span");
  function refresh() {
    fetch(box.dataset.progressUrl, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.max = p.total; bar.value = p.done; bar.textContent = p.percent + " %";
        text.textContent = p.sent + " / " + p.total + " (" + p.failed + " ✗, " + p.retrying + " ↻)";
        if (p.status === "sending") { setTimeout(refresh, 3000); }
      })
      .catch(function () { setTimeout(refresh, 10000); });
  }
  setTimeout(refresh, 3000);
})();
