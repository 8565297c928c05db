// Drawing, the device's clock, and the location when the officer ticks the box. Pages work
// without this script: text and descriptions are enough to save an entry.
import { drawingSurface } from "/notebook/assets/drawing.js";

document.querySelectorAll("[data-drawing]").forEach(drawingSurface);

document.querySelectorAll("form").forEach((form) => {
  form.addEventListener("submit", () => {
    const clock = form.querySelector("[data-device-time]");
    if (clock) clock.value = new Date().toISOString();
  });
});

const share = document.querySelector("[data-share-location]");
if (share && "geolocation" in navigator) {
  share.addEventListener("change", () => {
    if (!share.checked) {
      document.querySelector("[data-latitude]").value = "";
      document.querySelector("[data-longitude]").value = "";
      return;
    }
    navigator.geolocation.getCurrentPosition((position) => {
      document.querySelector("[data-latitude]").value = position.coords.latitude;
      document.querySelector("[data-longitude]").value = position.coords.longitude;
    }, () => { share.checked = false; });
  });
}
