// Resumable uploads from the public upload page, using tus-js-client (window.tus).
// Each file resumes from the server's last stored byte after a dropped connection or reload.
(function () {
  "use strict";
  var root = document.getElementById("uploader");
  if (!root || !window.tus) { return; }
  var endpoint = root.getAttribute("data-endpoint");
  var maxBytes = Number(root.getAttribute("data-max-file-bytes"));
  var input = document.getElementById("files");
  var list = document.getElementById("progress");
  var MESSAGES = {
    404: "This link is not valid.",
    409: "Tell us about the footage first, or wait for another upload of this file to stop.",
    410: "This link can no longer be used.",
    413: "This file is too large.",
    415: "This is not a video or picture we can accept.",
    429: "Too many attempts. Wait 10 minutes and try again.",
    507: "We cannot store files at the moment. Try again later: your upload will carry on."
  };

  function row(file) {
    var item = document.createElement("li");
    var label = document.createElement("span");
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Upload progress for " + file.name);
    label.textContent = file.name + ": waiting";
    item.appendChild(label); item.appendChild(document.createTextNode(" ")); item.appendChild(bar);
    list.appendChild(item);
    return { label: label, bar: bar };
  }

  function explain(error) {
    var response = error && error.originalResponse;
    if (!response) { return "The connection dropped. Open this link again to carry on."; }
    var status = response.getStatus();
    try {
      var detail = JSON.parse(response.getBody()).detail;
      if (detail) { return detail; }
    } catch (ignored) { /* not JSON: use the plain message below */ }
    return MESSAGES[status] || "Something went wrong (" + status + "). Try again.";
  }

  function send(file) {
    var view = row(file);
    if (file.size > maxBytes) {
      view.bar.remove();
      view.label.textContent = file.name + ": not uploaded. " + MESSAGES[413];
      return;
    }
    var upload = new window.tus.Upload(file, {
      endpoint: endpoint,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type },
      onError: function (error) {
        // Nothing of a refused or failed file is kept as progress: no half-filled bar.
        view.bar.remove();
        view.label.textContent = file.name + ": not uploaded. " + explain(error);
      },
      onProgress: function (sent, total) {
        var percent = Math.floor((sent / total) * 100);
        view.bar.value = percent;
        view.label.textContent = file.name + ": " + percent + "%";
      },
      onSuccess: function () {
        view.bar.value = 100;
        view.label.textContent = file.name + ": uploaded";
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) { upload.resumeFromPreviousUpload(previous[0]); }
      upload.start();
    });
  }

  var start = document.getElementById("start-upload");
  start.addEventListener("click", function (event) {
    event.preventDefault();
    Array.prototype.forEach.call(input.files, send);
  });
  // The page shows the button disabled until this script can act on it.
  start.disabled = false;
  start.removeAttribute("aria-disabled");
  start.classList.remove("govuk-button--disabled");
}());
